using System.Globalization;
using Platform.ServiceDefaults.Tenancy;
using StackExchange.Redis;

namespace Platform.Gateway.Keys;

/// <summary>
/// Writes a tenant's quota overrides into its hash (<see cref="TenantQuotaOverrides.KeyOf"/>), which every service
/// reads through <see cref="TenantQuotaOverrides"/>. A null value removes the override: the service's option applies again.
/// </summary>
public sealed class TenantQuotaWriter(IConnectionMultiplexer redis)
{
    public async Task<IReadOnlyDictionary<string, long>> WriteAsync(string tenant, IReadOnlyDictionary<string, long?> changes)
    {
        var key = TenantQuotaOverrides.KeyOf(tenant);
        var set = changes.Where(change => change.Value is not null)
            .Select(change => new HashEntry(change.Key, change.Value!.Value.ToString(CultureInfo.InvariantCulture))).ToArray();
        var removed = changes.Where(change => change.Value is null).Select(change => (RedisValue)change.Key).ToArray();
        var transaction = redis.GetDatabase().CreateTransaction();
        if (set.Length > 0)
        {
            _ = transaction.HashSetAsync(key, set);
        }

        if (removed.Length > 0)
        {
            _ = transaction.HashDeleteAsync(key, removed);
        }

        await transaction.ExecuteAsync();
        return await ReadAsync(tenant);
    }

    public async Task<IReadOnlyDictionary<string, long>> ReadAsync(string tenant)
    {
        var values = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var field in await redis.GetDatabase().HashGetAllAsync(TenantQuotaOverrides.KeyOf(tenant)))
        {
            if (TenantQuota.IsKnown(field.Name.ToString()) && field.Value.TryParse(out long value))
            {
                values[field.Name.ToString()] = value;
            }
        }

        return values;
    }
}
