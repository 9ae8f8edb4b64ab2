namespace Platform.AgentService.Knowledge;

/// <summary>
/// Splits text into chunks of at most <c>size</c> characters, each starting <c>size - overlap</c> after the previous,
/// so a sentence cut at a boundary appears whole in one of the two neighbours. Cuts prefer whitespace.
/// </summary>
public static class TextChunker
{
    public static IReadOnlyList<string> Split(string text, int size, int overlap)
    {
        if (overlap >= size)
        {
            throw new ArgumentException("The overlap must be smaller than the chunk size.", nameof(overlap));
        }

        var chunks = new List<string>();
        var start = 0;
        while (start < text.Length)
        {
            var end = Math.Min(start + size, text.Length);
            if (end < text.Length)
            {
                // Cut at the last whitespace in the second half of the window, if there is one.
                var space = text.LastIndexOfAny([' ', '\n', '\t', '\r'], end - 1, end - start - size / 2);
                if (space > start)
                {
                    end = space;
                }
            }

            var chunk = text[start..end].Trim();
            if (chunk.Length > 0)
            {
                chunks.Add(chunk);
            }

            if (end >= text.Length)
            {
                break;
            }

            // The next chunk starts `overlap` back, moved forward to a word start so no word is cut in two.
            var next = Math.Max(end - overlap, start + 1);
            while (next < end && !char.IsWhiteSpace(text[next - 1]))
            {
                next++;
            }

            start = next;
        }

        return chunks;
    }
}
