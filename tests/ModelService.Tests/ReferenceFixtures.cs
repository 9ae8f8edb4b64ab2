using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.ModelService.Tests;

/// <summary>
/// Token ids and vectors computed by tests/ModelService.Reference (Hugging Face tokenizers and ONNX Runtime for
/// Node on the same model files), one case per input, grouped by the class of input it checks.
/// </summary>
internal static class ReferenceFixtures
{
    private static readonly Lazy<IReadOnlyList<ReferenceCase>> Loaded = new(() =>
        JsonSerializer.Deserialize<ReferenceFile>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "reference-embeddings.json")))!.Cases);

    private static readonly Lazy<IReadOnlyList<ReferenceTokens>> LoadedTokens = new(() =>
        JsonSerializer.Deserialize<ReferenceTokensFile>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "reference-tokens.json")))!.Cases);

    public static IReadOnlyList<ReferenceCase> All => Loaded.Value;

    /// <summary>Random text over every character class, with the reference's token ids (no vectors).</summary>
    public static IReadOnlyList<ReferenceTokens> RandomText => LoadedTokens.Value;

    public static ReferenceCase[] OfClass(string inputClass)
    {
        var cases = All.Where(item => item.Class == inputClass).ToArray();
        return cases.Length > 0 ? cases : throw new InvalidOperationException($"The fixtures have no case of class '{inputClass}'.");
    }

    private sealed record ReferenceFile([property: JsonPropertyName("cases")] IReadOnlyList<ReferenceCase> Cases);

    private sealed record ReferenceTokensFile([property: JsonPropertyName("cases")] IReadOnlyList<ReferenceTokens> Cases);
}

internal sealed record ReferenceCase(
    [property: JsonPropertyName("class")] string Class,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("untruncatedLength")] int UntruncatedLength,
    [property: JsonPropertyName("ids")] long[] Ids,
    [property: JsonPropertyName("vector")] float[] Vector);

internal sealed record ReferenceTokens(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("ids")] long[] Ids);
