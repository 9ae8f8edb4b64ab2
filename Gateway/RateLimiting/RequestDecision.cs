namespace Platform.Gateway.RateLimiting;

/// <summary>The outcome of counting one request against its client's window.</summary>
public readonly record struct RequestDecision(bool Allowed, int Limit, int Remaining, TimeSpan ResetAfter);

/// <summary>
/// Requests of one window granted to this replica by Redis: <see cref="Granted"/> of them (0 when the window is
/// used up), the window's count after the grant, and the time until the window resets.
/// </summary>
public readonly record struct Reservation(int Granted, long Count, TimeSpan ResetAfter);
