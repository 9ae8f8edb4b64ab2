using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Platform.ServiceDefaults.Tenancy;

/// <summary>
/// Reads a tenant's quota overrides from Redis, cached per tenant for <see cref="TenantQuotaOptions.CacheDuration"/>
/// so a hot path costs one Redis read per tenant per period. A change made through the admin API is therefore seen
/// by every replica within that period.
/// </summary>
public sealed class TenantQuotaOverrides(IConnectionMultiplexer redis, IOptions<TenantQuotaOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Entry> _cache = new(StringComparer.Ordinal);

    /// <summary>The Redis hash holding a tenant's overrides; the braces keep it in the tenant's cluster slot.</summary>
    public static RedisKey KeyOf(string tenant) => $"tenant:{{{tenant}}}:quotas";

    /// <summary>The tenant's override of <paramref name="quota"/>, or <paramref name="fallback"/> when it has none.</summary>
    public async ValueTask<long> GetAsync(string tenant, string quota, long fallback)
    {
        var overrides = await OverridesOfAsync(tenant);
        return overrides.TryGetValue(quota, out var value) ? value : fallback;
    }

    public async ValueTask<IReadOnlyDictionary<string, long>> OverridesOfAsync(string tenant)
    {
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(tenant, out var cached) && cached.Expires > now)
        {
            return cached.Values;
        }

        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var field in await redis.GetDatabase().HashGetAllAsync(KeyOf(tenant)))
        {
            if (TenantQuota.IsKnown(field.Name.ToString()) && field.Value.TryParse(out long value))
            {
                values[field.Name.ToString()] = value;
            }
        }

        _cache[tenant] = new Entry(values, now + options.Value.CacheDuration);
        return values;
    }

    /// <summary>Forgets what was cached, so the next read goes to Redis (the admin API calls it after a write).</summary>
    public void Invalidate(string tenant) => _cache.TryRemove(tenant, out _);

    private sealed record Entry(IReadOnlyDictionary<string, long> Values, DateTimeOffset Expires);
}
