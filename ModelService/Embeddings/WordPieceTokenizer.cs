using Platform.ModelService.Registry;
using Platform.Tokenization;

namespace Platform.ModelService.Embeddings;

/// <summary>
/// A model's tokenizer: the reference BERT rules (<see cref="BertTokenizer"/>) over the model's vocabulary,
/// <c>[CLS]</c> ... <c>[SEP]</c> around the pieces, truncated at the model's sequence length.
/// </summary>
public sealed class WordPieceTokenizer
{
    private readonly BertTokenizer _tokenizer;

    // One piece buffer per thread: requests tokenize on their own threads, and a list per input would be garbage.
    [ThreadStatic]
    private static List<int>? t_pieces;

    public WordPieceTokenizer(TextReader vocabulary, bool lowercaseInput, int maxSequenceLength, int maxCharactersPerWord = 100)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSequenceLength, 3);
        _tokenizer = new BertTokenizer(WordPieceVocabulary.Load(vocabulary), lowercaseInput, maxCharactersPerWord);
        MaxSequenceLength = maxSequenceLength;
    }

    public WordPieceTokenizer(EmbeddingModelOptions options)
        : this(ModelFiles.OpenVocabulary(options), options.LowercaseInput, options.MaxSequenceLength, options.MaxCharactersPerWord)
    {
    }

    /// <summary>Tokens per input including <c>[CLS]</c> and <c>[SEP]</c>; longer input is truncated.</summary>
    public int MaxSequenceLength { get; }

    /// <summary>Token ids of one input, special tokens included, truncated to the sequence limit.</summary>
    public long[] Tokenize(string text) => Encode(text).Ids;

    /// <summary>Token ids of one input, and whether it was longer than the model takes.</summary>
    public TokenizedInput Encode(string text)
    {
        var pieces = t_pieces ??= new List<int>(MaxSequenceLength);
        pieces.Clear();
        var complete = _tokenizer.AppendTokens(text, pieces, MaxSequenceLength - 2);
        var ids = new long[pieces.Count + 2];
        ids[0] = _tokenizer.ClsId;
        for (var i = 0; i < pieces.Count; i++)
        {
            ids[i + 1] = pieces[i];
        }

        ids[^1] = _tokenizer.SepId;
        return new TokenizedInput(ids, Truncated: !complete);
    }
}

/// <summary>One input's token ids as the model sees them, and whether text past the model's length was cut off.</summary>
public readonly record struct TokenizedInput(long[] Ids, bool Truncated);
