using System.ComponentModel.DataAnnotations;

namespace Platform.Gateway.RateLimiting;

/// <summary>
/// Per-client limits (section <c>RateLimits</c>), counted in Redis so every gateway replica shares them.
/// </summary>
public sealed class RateLimitOptions : IValidatableObject
{
    public const string Section = "RateLimits";

    /// <summary>Requests a client may start per one-minute window. Default 600.</summary>
    [Range(1, int.MaxValue)]
    public int RequestsPerMinute { get; set; } = 600;

    /// <summary>Streaming responses a client may have open at once. Default 10.</summary>
    [Range(1, int.MaxValue)]
    public int ConcurrentStreams { get; set; } = 10;

    /// <summary>
    /// How long a stream's slot stays held in Redis without renewal; a replica that dies mid-stream frees its
    /// slots after this long. Renewed every third of it while the stream is open. Default 60 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:03", "01:00:00")]
    public TimeSpan StreamLease { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest wait for Redis before deciding with the per-replica limiter instead. Default 250 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:10")]
    public TimeSpan RedisTimeout { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary><c>Retry-After</c> sent when the stream limit is reached (no window to wait for). Default 1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan StreamRetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Share of a client's per-minute limit one replica reserves from Redis in one call and then spends in memory.
    /// Larger shares mean fewer Redis round trips; what a replica reserved and did not use by the end of the window
    /// is lost, so a client can be limited up to (replicas x share) of its limit early. Default 0.02 (2 %).
    /// </summary>
    [Range(0.0, 1.0)]
    public double ReservationShare { get; set; } = 0.02;

    /// <summary>Most requests reserved in one call, whatever the share. Default 100; 1 counts every request in Redis.</summary>
    [Range(1, 100_000)]
    public int MaxReservation { get; set; } = 100;

    /// <summary>Overrides by client id.</summary>
    public Dictionary<string, ClientRateLimits> Clients { get; set; } = new(StringComparer.Ordinal);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (clientId, limits) in Clients)
        {
            if (limits.RequestsPerMinute is < 1 || limits.ConcurrentStreams is < 1)
            {
                yield return new ValidationResult($"The limits in '{Section}:Clients:{clientId}' must be at least 1.");
            }
        }
    }

    public int RequestsPerMinuteFor(string clientId) =>
        Clients.TryGetValue(clientId, out var client) && client.RequestsPerMinute is { } limit ? limit : RequestsPerMinute;

    /// <summary>Requests to reserve per Redis call for a limit: its share, at least 1 (small limits stay exact).</summary>
    public int ReservationSizeFor(int limit) => (int)Math.Clamp(Math.Floor(limit * ReservationShare), 1, MaxReservation);

    public int ConcurrentStreamsFor(string clientId) =>
        Clients.TryGetValue(clientId, out var client) && client.ConcurrentStreams is { } limit ? limit : ConcurrentStreams;
}

public sealed class ClientRateLimits
{
    public int? RequestsPerMinute { get; set; }

    public int? ConcurrentStreams { get; set; }
}
