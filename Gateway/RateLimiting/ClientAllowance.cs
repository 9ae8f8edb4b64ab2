namespace Platform.Gateway.RateLimiting;

/// <summary>
/// The part of one client's shared window that this replica holds: requests reserved from Redis and not yet
/// used. Guarded by locking the instance; <see cref="Refill"/> is the one reservation in flight, which every
/// request of the client that finds the allowance empty waits for.
/// </summary>
internal sealed class ClientAllowance
{
    private int _limit;
    private int _tokens;
    private long _sharedRemaining;
    private bool _windowFull;

    public DateTimeOffset ResetsAt { get; private set; } = DateTimeOffset.MinValue;

    /// <summary>Completes with true once Redis answered, false when it did not (decide locally).</summary>
    public TaskCompletionSource<bool>? Refill { get; set; }

    /// <summary>A decision from what is held, or null when Redis must be asked first.</summary>
    public RequestDecision? TryDecide(int limit, DateTimeOffset now)
    {
        if (limit != _limit || now >= ResetsAt)
        {
            return null;
        }

        var resetAfter = ResetsAt - now;
        if (_tokens > 0)
        {
            _tokens--;
            return new RequestDecision(true, limit, (int)Math.Min(int.MaxValue, _sharedRemaining + _tokens), resetAfter);
        }

        return _windowFull ? new RequestDecision(false, limit, 0, resetAfter) : null;
    }

    /// <summary>Replaces what is held with a new reservation; requests left of an older one are given up.</summary>
    public void Apply(int limit, Reservation reservation, DateTimeOffset now)
    {
        _limit = limit;
        _tokens = reservation.Granted;
        _sharedRemaining = Math.Max(0, limit - reservation.Count);
        _windowFull = reservation.Granted == 0;
        ResetsAt = now + reservation.ResetAfter;
    }
}
