using System.Buffers;
using System.Text;

namespace Platform.Tokenization;

/// <summary>
/// BERT WordPiece tokenization with the reference (Hugging Face <c>BertTokenizerFast</c>) rules, counted in code
/// points, not UTF-16 units: literal special tokens (<c>[MASK]</c>, <c>[SEP]</c>, ...) are matched first, the rest is
/// normalized (<see cref="BertNormalizer"/>), split at whitespace and punctuation, and each word becomes its longest
/// vocabulary pieces, or one <c>[UNK]</c> if it has more than <see cref="MaxCharactersPerWord"/> characters or a
/// part no piece covers. Thread-safe: it keeps no state between calls.
/// </summary>
public sealed class BertTokenizer
{
    private static readonly string[] SpecialTokenNames = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"];

    private readonly WordPieceVocabulary _vocabulary;
    private readonly bool _uncased;
    private readonly (string Text, int Id)[] _specialTokens;

    public BertTokenizer(WordPieceVocabulary vocabulary, bool uncased = true, int maxCharactersPerWord = 100)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCharactersPerWord, 1);
        _vocabulary = vocabulary;
        _uncased = uncased;
        MaxCharactersPerWord = maxCharactersPerWord;
        UnknownId = vocabulary.IdOf("[UNK]");
        ClsId = vocabulary.IdOf("[CLS]");
        SepId = vocabulary.IdOf("[SEP]");
        _specialTokens = [.. SpecialTokenNames.Where(vocabulary.Contains).Select(name => (name, vocabulary.IdOf(name)))];
    }

    public int ClsId { get; }

    public int SepId { get; }

    public int UnknownId { get; }

    /// <summary>Longer words become one <c>[UNK]</c> (the reference's <c>max_input_chars_per_word</c>).</summary>
    public int MaxCharactersPerWord { get; }

    /// <summary>
    /// Appends the word-piece ids of <paramref name="text"/> (without <c>[CLS]</c>/<c>[SEP]</c>) to <paramref name="ids"/>,
    /// at most <paramref name="maxTokens"/> of them; returns false if the text had more (it was truncated).
    /// When <paramref name="words"/> is given, every word is also listed with its source position and piece count.
    /// </summary>
    public bool AppendTokens(ReadOnlySpan<char> text, List<int> ids, int maxTokens = int.MaxValue, List<TokenizedWord>? words = null)
    {
        var budget = new Budget(ids, maxTokens, words);
        var start = 0;
        while (start < text.Length && !budget.Exhausted)
        {
            var (at, special) = NextSpecialToken(text, start);
            TokenizePlain(text, start, at, ref budget);
            if (special is { } token && !budget.Exhausted)
            {
                budget.Add(token.Id, at, at + token.Text.Length);
            }

            start = special is { } found ? at + found.Text.Length : text.Length;
        }

        return !budget.Exhausted;
    }

    /// <summary>Word pieces of the whole text, without <c>[CLS]</c>/<c>[SEP]</c>.</summary>
    public int CountTokens(ReadOnlySpan<char> text)
    {
        var ids = new List<int>();
        AppendTokens(text, ids);
        return ids.Count;
    }

    private (int At, (string Text, int Id)? Token) NextSpecialToken(ReadOnlySpan<char> text, int start)
    {
        for (var offset = start; text[offset..].IndexOf('[') is var found and >= 0; offset += found + 1)
        {
            foreach (var token in _specialTokens)
            {
                if (text[(offset + found)..].StartsWith(token.Text, StringComparison.Ordinal))
                {
                    return (offset + found, token);
                }
            }
        }

        return (text.Length, null);
    }

    /// <summary>Normalizes <c>text[start..end]</c> into a buffer that remembers each character's source position, then splits it into words.</summary>
    private void TokenizePlain(ReadOnlySpan<char> text, int start, int end, ref Budget budget)
    {
        if (start >= end)
        {
            return;
        }

        var capacity = ((end - start) * 4) + BertNormalizer.MaxExpansion;
        var normalized = ArrayPool<char>.Shared.Rent(capacity);
        var sources = ArrayPool<int>.Shared.Rent(capacity);
        try
        {
            var length = 0;
            for (var position = start; position < end;)
            {
                Rune.DecodeFromUtf16(text[position..end], out var rune, out var consumed);
                if (length + BertNormalizer.MaxExpansion > normalized.Length)
                {
                    Grow(ref normalized, ref sources, length);
                }

                var written = BertNormalizer.Normalize(rune, _uncased, normalized.AsSpan(length));
                sources.AsSpan(length, written).Fill(position);
                length += written;
                position += consumed;
            }

            SplitWords(text, normalized.AsSpan(0, length), sources.AsSpan(0, length), end, ref budget);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(normalized);
            ArrayPool<int>.Shared.Return(sources);
        }
    }

    private static void Grow(ref char[] normalized, ref int[] sources, int length)
    {
        var biggerText = ArrayPool<char>.Shared.Rent(normalized.Length * 2);
        var biggerSources = ArrayPool<int>.Shared.Rent(normalized.Length * 2);
        normalized.AsSpan(0, length).CopyTo(biggerText);
        sources.AsSpan(0, length).CopyTo(biggerSources);
        ArrayPool<char>.Shared.Return(normalized);
        ArrayPool<int>.Shared.Return(sources);
        (normalized, sources) = (biggerText, biggerSources);
    }

    /// <summary>The BERT pre-tokenizer: words end at spaces, and every punctuation character is a word of its own.</summary>
    private void SplitWords(ReadOnlySpan<char> source, ReadOnlySpan<char> normalized, ReadOnlySpan<int> sources, int end, ref Budget budget)
    {
        var wordStart = -1;
        for (var i = 0; i < normalized.Length && !budget.Exhausted;)
        {
            Rune.DecodeFromUtf16(normalized[i..], out var rune, out var consumed);
            if (rune.Value == ' ' || BertNormalizer.IsPunctuation(rune))
            {
                if (wordStart >= 0)
                {
                    TokenizeWord(normalized[wordStart..i], sources[wordStart], SourceEnd(source, sources, i - 1, end), ref budget);
                    wordStart = -1;
                }

                if (rune.Value != ' ')
                {
                    TokenizeWord(normalized.Slice(i, consumed), sources[i], SourceEnd(source, sources, i, end), ref budget);
                }
            }
            else if (wordStart < 0)
            {
                wordStart = i;
            }

            i += consumed;
        }

        if (wordStart >= 0 && !budget.Exhausted)
        {
            TokenizeWord(normalized[wordStart..], sources[wordStart], SourceEnd(source, sources, normalized.Length - 1, end), ref budget);
        }
    }

    /// <summary>End (exclusive) in the source of the code point that produced normalized character <paramref name="last"/>.</summary>
    private static int SourceEnd(ReadOnlySpan<char> source, ReadOnlySpan<int> sources, int last, int end)
    {
        var start = sources[last];
        return Math.Min(end, start + (char.IsHighSurrogate(source[start]) && start + 1 < end ? 2 : 1));
    }

    /// <summary>Greedy longest-match WordPiece; a word with a part no piece covers is one [UNK], as is an over-long word.</summary>
    private void TokenizeWord(ReadOnlySpan<char> word, int sourceStart, int sourceEnd, ref Budget budget)
    {
        if (CountCodePoints(word) > MaxCharactersPerWord)
        {
            budget.Add(UnknownId, sourceStart, sourceEnd);
            return;
        }

        Span<int> pieces = stackalloc int[word.Length];
        var count = 0;
        for (var start = 0; start < word.Length;)
        {
            var end = word.Length;
            var found = -1;
            while (end > start)
            {
                if (_vocabulary.TryGetPiece(word[start..end], continuation: start > 0, out var id))
                {
                    found = id;
                    break;
                }

                end--;
                if (end > start && char.IsLowSurrogate(word[end]))
                {
                    end--; // never cut a code point in two
                }
            }

            if (found < 0)
            {
                budget.Add(UnknownId, sourceStart, sourceEnd);
                return;
            }

            pieces[count++] = found;
            start = end;
        }

        budget.AddPieces(pieces[..count], sourceStart, sourceEnd);
    }

    private static int CountCodePoints(ReadOnlySpan<char> word)
    {
        var count = word.Length;
        foreach (var c in word)
        {
            if (char.IsLowSurrogate(c))
            {
                count--;
            }
        }

        return count;
    }

    /// <summary>Where pieces go, and how many more fit; one token past the limit marks the text as truncated.</summary>
    private ref struct Budget(List<int> ids, int maxTokens, List<TokenizedWord>? words)
    {
        private int _left = maxTokens;

        public bool Exhausted { get; private set; }

        public void Add(int id, int sourceStart, int sourceEnd) => AddPieces([id], sourceStart, sourceEnd);

        public void AddPieces(scoped ReadOnlySpan<int> pieces, int sourceStart, int sourceEnd)
        {
            var taken = Math.Min(pieces.Length, _left);
            foreach (var piece in pieces[..taken])
            {
                ids.Add(piece);
            }

            if (taken > 0)
            {
                words?.Add(new TokenizedWord(sourceStart, sourceEnd, taken));
            }

            _left -= taken;
            Exhausted = taken < pieces.Length;
        }
    }
}
