using Microsoft.Extensions.Options;
using Platform.Gateway.Observability;
using StackExchange.Redis;

namespace Platform.Gateway.RateLimiting;

/// <summary>
/// Decides per client with the shared Redis counters; when Redis is unreachable or slow it decides with the
/// per-replica limiter instead, logs the switch and counts every such decision. It never lets a request
/// through unlimited.
/// </summary>
public sealed class ClientRateLimiter(
    RedisRateLimitStore shared,
    LocalRateLimitStore local,
    IOptions<RateLimitOptions> options,
    GatewayMetrics metrics,
    TimeProvider time,
    ILogger<ClientRateLimiter> logger)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private int _fallingBack;

    public RateLimitOptions Options => options.Value;

    public async Task<RequestDecision> CountRequestAsync(string clientId, CancellationToken cancellationToken)
    {
        var limit = Options.RequestsPerMinuteFor(clientId);
        var (decided, decision) = await TrySharedAsync(() => shared.CountRequestAsync(clientId, limit, Window), "requests", cancellationToken);
        return decided ? decision : local.CountRequest(clientId, limit, Window);
    }

    /// <summary>A slot for one stream, or null when the client already has its limit open.</summary>
    public async Task<StreamLease?> TryAcquireStreamAsync(string clientId, CancellationToken cancellationToken)
    {
        var limit = Options.ConcurrentStreamsFor(clientId);
        var leaseId = Guid.NewGuid().ToString("N");
        var lease = Options.StreamLease;
        var (decided, acquired) = await TrySharedAsync(() => shared.TryAcquireStreamAsync(clientId, leaseId, limit, lease), "streams", cancellationToken);
        if (decided)
        {
            return acquired ? StreamLease.Shared(shared, clientId, leaseId, lease, time, logger) : null;
        }

        return local.TryAcquireStream(clientId, limit) ? StreamLease.Local(local, clientId) : null;
    }

    private async Task<(bool Decided, T Value)> TrySharedAsync<T>(Func<Task<T>> operation, string limit, CancellationToken cancellationToken)
    {
        if (!shared.IsConnected)
        {
            FallBack(limit, null);
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
            FallBack(limit, exception);
            return (false, default!);
        }
    }

    private void FallBack(string limit, Exception? exception)
    {
        metrics.RateLimitFellBack(limit);
        if (Interlocked.Exchange(ref _fallingBack, 1) == 0)
        {
            logger.LogWarning(exception,
                "Redis is unreachable; rate limits are enforced per gateway replica until it returns (each replica allows the full limit).");
        }
    }
}
