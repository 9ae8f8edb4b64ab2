using System.Text.Json.Nodes;

namespace Platform.AgentService.Tests.ThroughGateway;

/// <summary>
/// Reads an SSE response event by event while it is still open (comments such as heartbeats skipped), within a
/// generous bound so a stream that never ends fails the test instead of hanging it.
/// </summary>
public sealed class SseReader(HttpResponseMessage response) : IDisposable
{
    private readonly CancellationTokenSource _bound = new(TimeSpan.FromMinutes(2));
    private StreamReader? _reader;

    /// <summary>The next event, or null when the stream ended.</summary>
    public async Task<SseEvent?> NextAsync()
    {
        _reader ??= new StreamReader(await response.Content.ReadAsStreamAsync(_bound.Token));
        string? id = null, type = null, data = null;
        while (await _reader.ReadLineAsync(_bound.Token) is { } line)
        {
            if (line.Length == 0)
            {
                if (type is not null)
                {
                    return new SseEvent(id!, type, JsonNode.Parse(data!)!);
                }

                continue;
            }

            if (line.StartsWith("id: ", StringComparison.Ordinal)) id = line[4..];
            else if (line.StartsWith("event: ", StringComparison.Ordinal)) type = line[7..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal)) data = line[6..];
        }

        return null;
    }

    /// <summary>Reads events until one matches (returning every event read, that one included).</summary>
    public async Task<List<SseEvent>> UntilAsync(Func<SseEvent, bool> stop)
    {
        var events = new List<SseEvent>();
        while (await NextAsync() is { } next)
        {
            events.Add(next);
            if (stop(next))
            {
                break;
            }
        }

        return events;
    }

    public async Task<List<SseEvent>> ToEndAsync() => await UntilAsync(_ => false);

    public void Dispose()
    {
        _reader?.Dispose();
        response.Dispose();
        _bound.Dispose();
    }
}

public static class StreamedText
{
    /// <summary>The text a client shows: deltas of every step, minus those of steps announced as restarted.</summary>
    public static string Of(IEnumerable<SseEvent> events)
    {
        var list = events.ToList();
        var restarted = list.Where(e => e.Type == "model.call.restarted").Select(e => e.Data["step"]!.GetValue<int>()).ToHashSet();
        return string.Concat(list.Where(e => e.Type == "message.delta" && !restarted.Contains(e.Data["step"]!.GetValue<int>()))
            .Select(e => e.Data["text"]!.GetValue<string>()));
    }

    public static string OfStep(IEnumerable<SseEvent> events, int step) =>
        string.Concat(events.Where(e => e.Type == "message.delta" && e.Data["step"]!.GetValue<int>() == step).Select(e => e.Data["text"]!.GetValue<string>()));
}
