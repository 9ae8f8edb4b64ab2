namespace Platform.ModelBench;

/// <summary>
/// A retrieval workload of mixed lengths, the same for every measurement: 70 % short queries (about 6 to 20 tokens)
/// and 30 % document chunks of 150 to 250 tokens, in a fixed pseudo-random order (seed 20).
/// </summary>
internal static class MixedWorkload
{
    private static readonly string[] QueryWords = ["how", "do", "I", "rotate", "the", "api", "key", "for", "billing", "why", "is", "search",
        "slow", "after", "deploy", "reset", "password", "export", "invoices", "to", "csv", "limits", "on", "embeddings", "per", "minute"];

    private static readonly string[] ChunkWords = ["The", "service", "stores", "every", "document", "as", "chunks", "of", "text,", "each", "embedded",
        "once", "and", "searched", "by", "cosine", "similarity.", "Operators", "configure", "limits,", "queues", "and", "timeouts", "in",
        "options", "validated", "at", "start-up;", "metrics", "report", "queue", "depth,", "batch", "sizes", "latency."];

    /// <summary>Share of short queries in the stream.</summary>
    public const double QueryShare = 0.7;

    public static readonly string[] All = Build();

    public static string[] Batch(long offset, int size) => [.. Enumerable.Range(0, size).Select(i => All[(offset + i) % All.Length])];

    private static string[] Build()
    {
        var random = new Random(20);
        return [.. Enumerable.Range(0, 500).Select(_ => random.NextDouble() < QueryShare
            ? Words(QueryWords, random, random.Next(4, 17)) + "?"
            : Words(ChunkWords, random, random.Next(99, 164)))];
    }

    private static string Words(string[] words, Random random, int count) =>
        string.Join(' ', Enumerable.Range(0, count).Select(_ => words[random.Next(words.Length)]));
}
