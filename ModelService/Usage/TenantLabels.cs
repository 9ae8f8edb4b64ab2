using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Platform.ModelService.Usage;

/// <summary>
/// The <c>tenant</c> label of the usage metrics, bounded: allowlisted tenants (<see cref="UsageOptions.MetricsTenants"/>)
/// and the first <see cref="UsageOptions.MetricsTenantLimit"/> tenants this replica meters keep their name, every
/// other tenant is <see cref="Other"/>. A tenant once named stays named, so its series never moves.
/// </summary>
public sealed class TenantLabels(IOptions<UsageOptions> options)
{
    public const string Other = "other";

    private readonly HashSet<string> _allowed = new(options.Value.MetricsTenants, StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _named = new(StringComparer.Ordinal);
    private int _count;

    public string Of(string tenant)
    {
        if (_allowed.Contains(tenant))
        {
            return tenant;
        }

        if (_named.TryGetValue(tenant, out var named))
        {
            return named ? tenant : Other;
        }

        // Decided once per tenant; a tenant that finds the limit reached is remembered as 'other'. The map itself is
        // bounded too: past the limit it stops learning tenants, each unseen one answers 'other' after one counter read.
        if (Volatile.Read(ref _count) >= options.Value.MetricsTenantLimit)
        {
            return Other;
        }

        var mine = Interlocked.Increment(ref _count) <= options.Value.MetricsTenantLimit;
        _named[tenant] = mine;
        return mine ? tenant : Other;
    }
}
