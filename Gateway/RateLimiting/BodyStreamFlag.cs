using System.Text.Json;

namespace Platform.Gateway.RateLimiting;

public enum StreamFlag { NotStream, Stream, Undecided }

/// <summary>
/// Reads the top-level <c>stream</c> member from the start of a body, whatever its declared content type (the
/// backends parse JSON regardless). Names compare case-insensitively and unescaped, and any <c>true</c> counts even
/// when the name repeats, because the backends bind JSON that way (web defaults, last value wins).
/// </summary>
public static class BodyStreamFlag
{
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <param name="prefix">The first bytes of the body.</param>
    /// <param name="complete">Whether the prefix is the whole body.</param>
    public static StreamFlag Read(ReadOnlySpan<byte> prefix, bool complete)
    {
        // Leading white space and a UTF-8 byte order mark (EF BB BF) are skipped, as the backends' parser does.
        var start = prefix.IndexOfAnyExcept(" \t\r\n\uFEFF"u8);

        if (start < 0 || prefix[start] != (byte)'{')
        {
            // Not a JSON object (a form, a multipart upload, an array, nothing): the backends see no stream flag.
            return start < 0 && !complete ? StreamFlag.Undecided : StreamFlag.NotStream;
        }

        var reader = new Utf8JsonReader(prefix[start..], complete, new JsonReaderState(ReaderOptions));
        try
        {
            var ended = complete ? StreamFlag.NotStream : StreamFlag.Undecided;
            if (!reader.Read())
            {
                return ended;
            }

            while (true)
            {
                if (!reader.Read())
                {
                    return ended;
                }

                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    return StreamFlag.NotStream;
                }

                var isStream = string.Equals(reader.GetString(), "stream", StringComparison.OrdinalIgnoreCase);
                if (!reader.Read())
                {
                    return ended;
                }

                if (isStream && reader.TokenType == JsonTokenType.True)
                {
                    return StreamFlag.Stream;
                }

                if (!reader.TrySkip())
                {
                    return ended;
                }
            }
        }
        catch (JsonException)
        {
            // Malformed JSON: the backend answers it with a 400, not a stream.
            return StreamFlag.NotStream;
        }
    }
}
