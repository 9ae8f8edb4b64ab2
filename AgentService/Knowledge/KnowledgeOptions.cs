using System.ComponentModel.DataAnnotations;

namespace Platform.AgentService.Knowledge;

/// <summary>Section <c>Knowledge</c>: chunking and size limits of knowledge collections.</summary>
public sealed class KnowledgeOptions
{
    public const string Section = "Knowledge";

    /// <summary>
    /// Word pieces per chunk, counted as the embedding model counts them. At most the model's sequence length less
    /// [CLS] and [SEP] (254 for all-minilm-l6-v2 at its reference 256), or the model cuts the chunk's tail off; at
    /// least 100, the most pieces one word can become.
    /// </summary>
    [Range(100, 8_190)]
    public int ChunkTokens { get; set; } = 250;

    /// <summary>Word pieces a chunk repeats from the end of the previous one.</summary>
    [Range(0, 8_000)]
    public int ChunkOverlapTokens { get; set; } = 50;

    /// <summary>Longest document accepted in one request; longer answers 413.</summary>
    [Range(1, 50_000_000)]
    public int MaxDocumentChars { get; set; } = 1_000_000;

    /// <summary>
    /// Chunks one collection may hold. Search is exact brute-force cosine over all of them, measured fast up to this
    /// size (docs/performance.md, "Knowledge search"); adding beyond answers 413.
    /// </summary>
    [Range(1, 10_000_000)]
    public int MaxChunksPerCollection { get; set; } = 20_000;

    /// <summary>Chunk vectors a replica keeps decoded in memory across collections (about 1.5 KiB each at 384 dimensions).</summary>
    [Range(0, 10_000_000)]
    public int MaxCachedChunks { get; set; } = 200_000;

    /// <summary>Texts sent to the embeddings endpoint per request.</summary>
    [Range(1, 2048)]
    public int EmbeddingBatchSize { get; set; } = 64;
}
