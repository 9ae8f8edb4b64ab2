using System.Collections.Concurrent;

namespace Platform.Gateway.RateLimiting;

/// <summary>
/// The same limits kept in this replica's memory, used only while Redis is unreachable. Each replica then
/// enforces the full limit on its own, so a client can get up to (replicas x limit) until Redis returns.
/// </summary>
public sealed class LocalRateLimitStore(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StreamCount> _streams = new(StringComparer.Ordinal);

    public RequestDecision CountRequest(string clientId, int limit, TimeSpan window)
    {
        var now = time.GetUtcNow();
        var current = _windows.GetOrAdd(clientId, _ => new Window());
        lock (current)
        {
            if (now >= current.ResetsAt)
            {
                current.Count = 0;
                current.ResetsAt = now + window;
            }

            current.Count++;
            return new RequestDecision(current.Count <= limit, limit, Math.Max(0, limit - current.Count), current.ResetsAt - now);
        }
    }

    public bool TryAcquireStream(string clientId, int limit)
    {
        var streams = _streams.GetOrAdd(clientId, _ => new StreamCount());
        lock (streams)
        {
            if (streams.Open >= limit)
            {
                return false;
            }

            streams.Open++;
            return true;
        }
    }

    public void ReleaseStream(string clientId)
    {
        if (_streams.TryGetValue(clientId, out var streams))
        {
            lock (streams)
            {
                streams.Open = Math.Max(0, streams.Open - 1);
            }
        }
    }

    private sealed class Window
    {
        public int Count;
        public DateTimeOffset ResetsAt = DateTimeOffset.MinValue;
    }

    private sealed class StreamCount
    {
        public int Open;
    }
}
