using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Platform.Gateway.RateLimiting;

/// <summary>
/// A client's effective limits: its tenant's overrides <c>requests_per_minute</c> and <c>concurrent_streams</c> (set
/// through the key admin API, read through <see cref="TenantQuotaOverrides"/> with its cache), else
/// <c>RateLimits:Clients:&lt;id&gt;</c>, else the defaults. Without Redis the configured limits apply, as the
/// per-replica fallback does for counting.
/// </summary>
public sealed class TenantRateLimits(
    TenantQuotaOverrides overrides,
    IConnectionMultiplexer redis,
    IOptions<RateLimitOptions> options,
    TimeProvider time,
    ILogger<TenantRateLimits> logger)
{
    public ValueTask<int> RequestsPerMinuteAsync(string clientId) =>
        LimitAsync(clientId, TenantQuota.RequestsPerMinute, options.Value.RequestsPerMinuteFor(clientId));

    public ValueTask<int> ConcurrentStreamsAsync(string clientId) =>
        LimitAsync(clientId, TenantQuota.ConcurrentStreams, options.Value.ConcurrentStreamsFor(clientId));

    private async ValueTask<int> LimitAsync(string clientId, string quota, int configured)
    {
        if (!redis.IsConnected)
        {
            return configured;
        }

        try
        {
            var pending = overrides.GetAsync(clientId, quota, configured);
            var value = pending.IsCompletedSuccessfully
                ? pending.Result
                : await pending.AsTask().WaitAsync(options.Value.RedisTimeout, time);
            return (int)Math.Clamp(value, 1, int.MaxValue);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            logger.LogDebug(exception, "Could not read the quota overrides of {ClientId}; its configured limits apply.", clientId);
            return configured;
        }
    }
}
