using System.Globalization;
using System.Text;

namespace Platform.Tokenization;

/// <summary>
/// The BERT normalizer of the reference (Hugging Face tokenizers' <c>BertNormalizer</c>), one code point at a time:
/// control characters dropped and whitespace made a space (clean_text), CJK ideographs set apart by spaces
/// (handle_chinese_chars), then for uncased models accents stripped (NFD, marks removed) and lower case.
/// Working per code point keeps each output character's source position, which chunking needs.
/// </summary>
internal static class BertNormalizer
{
    /// <summary>The most characters one code point normalizes to (a CJK ideograph with its spaces, or a long NFD).</summary>
    public const int MaxExpansion = 24;

    /// <summary>Writes the normalized form of <paramref name="rune"/> to <paramref name="output"/>; returns its length.</summary>
    public static int Normalize(Rune rune, bool uncased, Span<char> output)
    {
        var value = rune.Value;
        if (value < 0x80)
        {
            return NormalizeAscii((char)value, uncased, output);
        }

        if (value == 0xFFFD || IsControl(rune))
        {
            return 0;
        }

        if (Rune.IsWhiteSpace(rune))
        {
            output[0] = ' ';
            return 1;
        }

        if (IsChineseCharacter(value))
        {
            output[0] = ' ';
            var length = uncased ? StripAccentsAndLowercase(rune, output[1..]) : rune.EncodeToUtf16(output[1..]);
            output[length + 1] = ' ';
            return length + 2;
        }

        return uncased ? StripAccentsAndLowercase(rune, output) : rune.EncodeToUtf16(output);
    }

    /// <summary>Punctuation as the BERT pre-tokenizer sees it: ASCII punctuation and symbols, or any Unicode P* category.</summary>
    public static bool IsPunctuation(Rune rune)
    {
        var value = rune.Value;
        if (value < 0x80)
        {
            return value is (>= 33 and <= 47) or (>= 58 and <= 64) or (>= 91 and <= 96) or (>= 123 and <= 126);
        }

        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;
    }

    private static int NormalizeAscii(char c, bool uncased, Span<char> output)
    {
        if (c is '\t' or '\n' or '\r' or ' ')
        {
            output[0] = ' ';
            return 1;
        }

        if (c < 0x20 || c == 0x7F)
        {
            return 0; // NUL and the other C0 controls, DEL
        }

        output[0] = uncased ? char.ToLowerInvariant(c) : c;
        return 1;
    }

    // The reference drops Cc, Cf, Co and Cs but keeps unassigned code points (Cn), which then become [UNK].
    private static bool IsControl(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate;

    // The CJK Unified Ideographs blocks and their extensions, as the reference defines "Chinese character". Its
    // Extension E range starts at 0x2B920, not at the block start 0x2B820 as in the original BERT code: we follow the
    // reference (the random-text fixtures caught it), so U+2B820..U+2B91F stay inside their words.
    private static bool IsChineseCharacter(int value) =>
        value is (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x20000 and <= 0x2A6DF)
            or (>= 0x2A700 and <= 0x2B73F) or (>= 0x2B740 and <= 0x2B81F) or (>= 0x2B920 and <= 0x2CEAF)
            or (>= 0xF900 and <= 0xFAFF) or (>= 0x2F800 and <= 0x2FA1F);

    private static int StripAccentsAndLowercase(Rune rune, Span<char> output)
    {
        Span<char> single = stackalloc char[2];
        var length = rune.EncodeToUtf16(single);
        Span<char> decomposed = stackalloc char[MaxExpansion];
        if (!single[..length].TryNormalize(decomposed, out var decomposedLength, NormalizationForm.FormD))
        {
            decomposedLength = rune.EncodeToUtf16(decomposed);
        }

        var written = 0;
        foreach (var part in decomposed[..decomposedLength].EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(part) != UnicodeCategory.NonSpacingMark)
            {
                written += Rune.ToLowerInvariant(part).EncodeToUtf16(output[written..]);
            }
        }

        return written;
    }
}
