using System.ComponentModel.DataAnnotations;

namespace Platform.AgentService.Knowledge;

/// <summary>Section <c>Knowledge</c>: chunking and size limits of knowledge collections.</summary>
public sealed class KnowledgeOptions
{
    public const string Section = "Knowledge";

    [Range(50, 100_000)]
    public int ChunkChars { get; set; } = 1_000;

    [Range(0, 50_000)]
    public int ChunkOverlapChars { get; set; } = 200;

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
