using Platform.Tokenization;

namespace Platform.AgentService.Knowledge;

/// <summary>
/// Splits text into chunks of at most <c>maxTokens</c> word pieces, counted with the embedding model's own tokenizer
/// rules and vocabulary (all-minilm-l6-v2's uncased BERT), so no chunk is longer than the model reads and none is
/// silently cut. Each chunk starts about <c>overlapTokens</c> before the previous one ended, so a sentence cut at a
/// boundary appears whole in one of the two neighbours. Chunks are cut between words, preferably after a sentence
/// and at whitespace, and are substrings of the text.
/// </summary>
public static class TextChunker
{
    private static readonly Lazy<BertTokenizer> Tokenizer = new(() => new BertTokenizer(WordPieceVocabulary.BertBaseUncased()));

    /// <summary>Word pieces the text becomes, without the model's [CLS] and [SEP].</summary>
    public static int CountTokens(string text) => Tokenizer.Value.CountTokens(text);

    public static IReadOnlyList<string> Split(string text, int maxTokens, int overlapTokens)
    {
        if (overlapTokens >= maxTokens)
        {
            throw new ArgumentException("The overlap must be smaller than the chunk size.", nameof(overlapTokens));
        }

        var words = new List<TokenizedWord>();
        Tokenizer.Value.AppendTokens(text, [], words: words);
        var chunks = new List<string>();
        var start = 0;
        while (start < words.Count)
        {
            var end = FillEnd(words, start, maxTokens);
            if (end < words.Count)
            {
                end = PreferredEnd(text, words, start, end);
            }

            chunks.Add(text[words[start].SourceStart..words[end - 1].SourceEnd]);
            if (end >= words.Count)
            {
                break;
            }

            start = OverlapStart(words, start, end, overlapTokens);
        }

        return chunks;
    }

    /// <summary>One past the last word that fits from <paramref name="start"/>; at least one word, which is at most 100 pieces.</summary>
    private static int FillEnd(List<TokenizedWord> words, int start, int maxTokens)
    {
        var end = start;
        for (var tokens = 0; end < words.Count && (end == start || tokens + words[end].Tokens <= maxTokens); end++)
        {
            tokens += words[end].Tokens;
        }

        return end;
    }

    /// <summary>
    /// Within the second half of the chunk, the last cut after a sentence end, else the last cut at whitespace, else
    /// the full chunk (text without spaces, such as Chinese, is cut between characters).
    /// </summary>
    private static int PreferredEnd(string text, List<TokenizedWord> words, int start, int end)
    {
        var earliest = start + Math.Max(1, (end - start) / 2);
        var atWhitespace = -1;
        for (var cut = end; cut > earliest; cut--)
        {
            if (!IsWhitespaceCut(words, cut))
            {
                continue;
            }

            if (text[words[cut - 1].SourceEnd - 1] is '.' or '!' or '?' or '。' or '！' or '？')
            {
                return cut;
            }

            atWhitespace = atWhitespace < 0 ? cut : atWhitespace;
        }

        return atWhitespace > 0 ? atWhitespace : end;
    }

    /// <summary>The first word of the next chunk: about <paramref name="overlapTokens"/> back from the end, at whitespace if possible, always past <paramref name="start"/>.</summary>
    private static int OverlapStart(List<TokenizedWord> words, int start, int end, int overlapTokens)
    {
        var next = end;
        for (var tokens = 0; next - 1 > start && tokens + words[next - 1].Tokens <= overlapTokens; next--)
        {
            tokens += words[next - 1].Tokens;
        }

        // Move forward to a word that follows whitespace, so the overlap does not begin inside "don't" or "3.5".
        var candidate = next;
        while (candidate < end && !IsWhitespaceCut(words, candidate))
        {
            candidate++;
        }

        return candidate < end ? candidate : Math.Max(next, start + 1);
    }

    private static bool IsWhitespaceCut(List<TokenizedWord> words, int cut) =>
        cut >= words.Count || words[cut].SourceStart > words[cut - 1].SourceEnd;
}
