using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Platform.Gateway.Observability;
using StackExchange.Redis;

namespace Platform.Gateway.RateLimiting;

/// <summary>
/// Decides per client with the shared Redis counters; when Redis is unreachable or slow it decides with the
/// per-replica limiter instead, logs the switch and counts every such decision. It never lets a request
/// through unlimited.
/// </summary>
/// <remarks>
/// Requests are not counted in Redis one by one: a replica reserves a small share of the client's window at a
/// time (<see cref="RateLimitOptions.ReservationSizeFor"/>) and decides the next requests from it in memory.
/// Replicas together never admit more than the limit; what a replica reserved and did not use by the end of the
/// window is lost, so a client may be limited up to (replicas x reservation) requests early.
/// </remarks>
public sealed class ClientRateLimiter(
    RedisRateLimitStore shared,
    LocalRateLimitStore local,
    TenantRateLimits limits,
    IOptions<RateLimitOptions> options,
    GatewayMetrics metrics,
    TimeProvider time,
    ILogger<ClientRateLimiter> logger)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>Allowances of clients idle for a whole window are dropped once more than this many are held.</summary>
    private const int AllowancesKeptWithoutSweep = 4096;

    private readonly ConcurrentDictionary<string, ClientAllowance> _allowances = new(StringComparer.Ordinal);
    private int _fallingBack;
    private long _nextSweepTicks;

    public RateLimitOptions Options => options.Value;

    /// <summary>Decided in memory while this replica holds part of the client's window; a Redis call otherwise.</summary>
    public async ValueTask<RequestDecision> CountRequestAsync(string clientId, CancellationToken cancellationToken)
    {
        var limit = await limits.RequestsPerMinuteAsync(clientId);
        var allowance = _allowances.GetOrAdd(clientId, static _ => new ClientAllowance());
        while (true)
        {
            TaskCompletionSource<bool> refill;
            var refillsItself = false;
            lock (allowance)
            {
                if (allowance.TryDecide(limit, time.GetUtcNow()) is { } decision)
                {
                    return decision;
                }

                if (allowance.Refill is null)
                {
                    allowance.Refill = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                    refillsItself = true;
                }

                refill = allowance.Refill;
            }

            if (refillsItself)
            {
                await RefillAsync(clientId, allowance, limit, refill);
            }

            if (!await refill.Task.WaitAsync(cancellationToken))
            {
                metrics.RateLimitFellBack("requests");
                return local.CountRequest(clientId, limit, Window);
            }
        }
    }

    /// <summary>The client's concurrent-stream limit, its tenant's override included.</summary>
    public ValueTask<int> ConcurrentStreamsForAsync(string clientId) => limits.ConcurrentStreamsAsync(clientId);

    /// <summary>A slot for one stream, or null when the client already has its limit open.</summary>
    public async Task<StreamLease?> TryAcquireStreamAsync(string clientId, CancellationToken cancellationToken)
    {
        var limit = await limits.ConcurrentStreamsAsync(clientId);
        var leaseId = Guid.NewGuid().ToString("N");
        var lease = Options.StreamLease;
        var (decided, acquired) = await TrySharedAsync(() => shared.TryAcquireStreamAsync(clientId, leaseId, limit, lease), cancellationToken);
        if (decided)
        {
            return acquired ? StreamLease.Shared(shared, clientId, leaseId, lease, time, logger) : null;
        }

        metrics.RateLimitFellBack("streams");
        return local.TryAcquireStream(clientId, limit) ? StreamLease.Local(local, clientId) : null;
    }

    /// <summary>
    /// One reservation for everyone waiting on <paramref name="refill"/>. It is not tied to the request that
    /// happened to start it: its wait is bounded by <see cref="RateLimitOptions.RedisTimeout"/> alone.
    /// </summary>
    private async Task RefillAsync(string clientId, ClientAllowance allowance, int limit, TaskCompletionSource<bool> refill)
    {
        var (decided, reservation) = (false, default(Reservation));
        try
        {
            var size = Options.ReservationSizeFor(limit);
            (decided, reservation) = await TrySharedAsync(() => shared.ReserveRequestsAsync(clientId, limit, size, Window), CancellationToken.None);
        }
        finally
        {
            // Waiters are released whatever happened; without a reservation they decide locally.
            lock (allowance)
            {
                if (decided)
                {
                    allowance.Apply(limit, reservation, time.GetUtcNow());
                }

                allowance.Refill = null;
            }

            refill.TrySetResult(decided);
        }

        SweepIdleAllowances();
    }

    private void SweepIdleAllowances()
    {
        var now = time.GetUtcNow();
        var nextSweep = Interlocked.Read(ref _nextSweepTicks);
        if (_allowances.Count <= AllowancesKeptWithoutSweep || now.UtcTicks < nextSweep
            || Interlocked.CompareExchange(ref _nextSweepTicks, (now + Window).UtcTicks, nextSweep) != nextSweep)
        {
            return;
        }

        var idleSince = now - Window;
        foreach (var (clientId, allowance) in _allowances)
        {
            lock (allowance)
            {
                if (allowance.Refill is null && allowance.ResetsAt < idleSince)
                {
                    _allowances.TryRemove(new KeyValuePair<string, ClientAllowance>(clientId, allowance));
                }
            }
        }
    }

    private async Task<(bool Decided, T Value)> TrySharedAsync<T>(Func<Task<T>> operation, CancellationToken cancellationToken)
    {
        if (!shared.IsConnected)
        {
            ReportFallingBack(null);
            return (false, default!);
        }

        try
        {
            var value = await operation().WaitAsync(Options.RedisTimeout, time, cancellationToken);
            if (Interlocked.Exchange(ref _fallingBack, 0) == 1)
            {
                logger.LogInformation("Redis answers again; rate limits are shared across gateway replicas again.");
            }

            return (true, value);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            ReportFallingBack(exception);
            return (false, default!);
        }
    }

    private void ReportFallingBack(Exception? exception)
    {
        if (Interlocked.Exchange(ref _fallingBack, 1) == 0)
        {
            logger.LogWarning(exception,
                "Redis is unreachable; rate limits are enforced per gateway replica until it returns (each replica allows the full limit).");
        }
    }
}
