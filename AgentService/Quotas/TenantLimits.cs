using Microsoft.Extensions.Options;
using Platform.AgentService.Runs;
using Platform.ServiceDefaults.Tenancy;

namespace Platform.AgentService.Quotas;

/// <summary>A tenant's effective quotas: its overrides where it has them, the options' defaults elsewhere.</summary>
public sealed record TenantLimitSet(
    long Agents,
    long Threads,
    long Collections,
    long Documents,
    long StoredBytes,
    int ThreadMessages,
    TimeSpan ThreadTtl,
    TimeSpan RunTtl,
    long ActiveRuns,
    int MaxSteps,
    TimeSpan MaxDeadline);

/// <summary>Resolves <see cref="TenantLimitSet"/> per tenant through the cached <see cref="TenantQuotaOverrides"/>.</summary>
public sealed class TenantLimits(TenantQuotaOverrides overrides, IOptions<QuotaOptions> quotas, IOptions<RunOptions> runs)
{
    public async ValueTask<TenantLimitSet> ForAsync(string tenant)
    {
        var values = await overrides.OverridesOfAsync(tenant);
        var defaults = quotas.Value;
        long Get(string name, long fallback) => values.TryGetValue(name, out var value) && value >= 0 ? value : fallback;
        TimeSpan Seconds(string name, TimeSpan fallback) => TimeSpan.FromSeconds(Math.Max(1, Get(name, (long)fallback.TotalSeconds)));

        return new TenantLimitSet(
            Get(TenantQuota.Agents, defaults.Agents),
            Get(TenantQuota.Threads, defaults.Threads),
            Get(TenantQuota.Collections, defaults.Collections),
            Get(TenantQuota.Documents, defaults.Documents),
            Get(TenantQuota.StoredBytes, defaults.StoredBytes),
            (int)Math.Clamp(Get(TenantQuota.ThreadMessages, defaults.ThreadMessages), 2, 100_000),
            Seconds(TenantQuota.ThreadTtlSeconds, defaults.ThreadTtl),
            Seconds(TenantQuota.RunTtlSeconds, runs.Value.RetainFor),
            Get(TenantQuota.ActiveRuns, defaults.ActiveRuns),
            (int)Math.Clamp(Get(TenantQuota.MaxSteps, defaults.MaxSteps), 1, 1000),
            Seconds(TenantQuota.MaxDeadlineSeconds, defaults.MaxDeadline));
    }
}
