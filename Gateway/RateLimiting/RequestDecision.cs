namespace Platform.Gateway.RateLimiting;

/// <summary>The outcome of counting one request against its client's window.</summary>
public readonly record struct RequestDecision(bool Allowed, int Limit, int Remaining, TimeSpan ResetAfter);
