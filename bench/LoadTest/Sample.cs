namespace Platform.Bench.LoadTest;

/// <summary>How one request ended: <see cref="Failed"/> is a 5xx or a connection error, never retried by the client.</summary>
public enum Outcome
{
    Succeeded,

    /// <summary>429: the gateway's rate limits said no; counted apart from errors.</summary>
    Rejected,

    /// <summary>Any other 4xx: the profile sent something the platform refused.</summary>
    Refused,

    Failed,
}

/// <param name="Started">Offset from the start of the load.</param>
public sealed record Sample(Operation Operation, Outcome Outcome, TimeSpan Started, TimeSpan Latency, string? Detail = null)
{
    /// <summary>A failure inside a stream that had begun (cut, or ended early), rather than of a request.</summary>
    public bool InStream => Detail?.StartsWith(PlatformClient.StreamCut, StringComparison.Ordinal) == true;
}

/// <summary>
/// One agent run as the load followed it: the event ids it saw in order, how often it rejoined the stream, and how
/// many of its streams were cut (ended or broke without a <c>stream.reconnect</c> event and before the run ended).
/// </summary>
public sealed record FollowedRun(string RunId, IReadOnlyList<string> SeenEventIds, int Rejoins, string? FinalStatus, int Cuts);
