using FastBertTokenizer;
using Platform.ModelService.Registry;

namespace Platform.ModelService.Embeddings;

/// <summary>
/// BERT WordPiece tokenization with the reference (Hugging Face) rules: lower-casing and accent stripping
/// for uncased models, CJK characters split, [CLS] ... [SEP], truncation at the model's sequence limit.
/// </summary>
public sealed class WordPieceTokenizer
{
    private readonly BertTokenizer _tokenizer = new();
    private readonly int _maxSequenceLength;

    // BertTokenizer keeps scratch state per instance; tokenizing takes microseconds, so one lock is enough.
    private readonly Lock _gate = new();

    public WordPieceTokenizer(TextReader vocabulary, bool lowercaseInput, int maxSequenceLength)
    {
        _tokenizer.LoadVocabulary(vocabulary, lowercaseInput);
        _maxSequenceLength = maxSequenceLength;
    }

    public WordPieceTokenizer(EmbeddingModelOptions options)
        : this(ModelFiles.OpenVocabulary(options), options.LowercaseInput, options.MaxSequenceLength)
    {
    }

    /// <summary>Token ids of one input, special tokens included, truncated to the sequence limit.</summary>
    public long[] Tokenize(string text)
    {
        var ids = new long[_maxSequenceLength];
        var mask = new long[_maxSequenceLength];
        var types = new long[_maxSequenceLength];
        int count;
        lock (_gate)
        {
            count = _tokenizer.Encode(text, ids, mask, types, padTo: null);
        }

        return ids.AsSpan(0, count).ToArray();
    }
}
