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

    /// <summary>
    /// Longest document accepted in one request; longer answers 413. The body is read only up to the bytes this many
    /// characters can take (4 per character in UTF-8, plus 64 KiB for the rest of the JSON), so a longer one is cut
    /// off while it arrives instead of being read whole first.
    /// </summary>
    [Range(1, 50_000_000)]
    public int MaxDocumentChars { get; set; } = 200_000;

    /// <summary>
    /// Chunks one document may become, which bounds what one request costs: one embedding per chunk. Beyond, 413.
    /// 256 chunks is about 200,000 characters of English prose at the default chunk size.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxChunksPerDocument { get; set; } = 256;

    /// <summary>
    /// How long an upload holds its reservation of chunks (taken before embedding, so parallel uploads cannot pass
    /// <see cref="MaxChunksPerCollection"/> together) before a crashed upload's reservation is released.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan ReservationTimeout { get; set; } = TimeSpan.FromMinutes(10);

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
