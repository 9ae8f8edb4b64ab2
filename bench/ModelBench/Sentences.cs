namespace Platform.ModelBench;

/// <summary>A fixed, varied set of short sentences (about 8 to 25 tokens), the same for every measurement.</summary>
internal static class Sentences
{
    private static readonly string[] Subjects = ["The service", "A small model", "Our team", "The gateway", "Every replica", "The nightly job", "A customer", "The vector index"];
    private static readonly string[] Verbs = ["answers", "embeds", "reviews", "forwards", "caches", "rejects", "summarises", "ranks"];
    private static readonly string[] Objects = ["short questions about billing", "long documents in three languages", "requests from the mobile app",
        "search queries typed in a hurry", "support tickets opened last week", "product descriptions and their reviews", "logs with 404 errors", "meeting notes (draft)"];

    public static readonly string[] All = [.. Enumerable.Range(0, 64).Select(i =>
        $"{Subjects[i % 8]} {Verbs[(i / 8) % 8]} {Objects[(i * 5) % 8]}{(i % 3 == 0 ? " before noon." : i % 3 == 1 ? ", quickly!" : $" #{i}")}")];

    public static string[] Batch(int offset, int size) => [.. Enumerable.Range(offset, size).Select(i => All[i % All.Length])];
}
