namespace Platform.Bench.LoadTest;

/// <summary>One server-sent event: its id (null when the event has none), type and data.</summary>
public sealed record ServerSentEvent(string? Id, string? Type, string Data);

/// <summary>Reads server-sent events one at a time; comments (heartbeats) are skipped.</summary>
public sealed class ServerSentEventReader(Stream stream)
{
    private readonly StreamReader _reader = new(stream);

    /// <summary>The next event, or null at the end of the stream.</summary>
    public async Task<ServerSentEvent?> NextAsync(CancellationToken cancellationToken)
    {
        string? id = null, type = null;
        var data = new List<string>();
        while (await _reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (type is not null || data.Count > 0)
                {
                    return new ServerSentEvent(id, type, string.Join('\n', data));
                }

                continue;
            }

            if (line.StartsWith("id:", StringComparison.Ordinal)) id = line[3..].Trim();
            else if (line.StartsWith("event:", StringComparison.Ordinal)) type = line[6..].Trim();
            else if (line.StartsWith("data:", StringComparison.Ordinal)) data.Add(line[5..].TrimStart());
        }

        return null;
    }
}
