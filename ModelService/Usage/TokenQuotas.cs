using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Tenancy;
using StackExchange.Redis;

namespace Platform.ModelService.Usage;

/// <summary>
/// The tenant's model-token quotas, per clock minute and per UTC day (option defaults, or the tenant's
/// <c>tokens_per_minute</c>/<c>tokens_per_day</c> overrides). Checked before a call, counted after it
/// (<see cref="UsageMeter"/>): a request is let in while it fits, a chat call needing at least one token of room since
/// its size is known only afterwards. Calls running at the same time can therefore go over by what they use.
/// </summary>
public sealed partial class TokenQuotas(
    UsageStore store, TenantQuotaOverrides overrides, IOptions<UsageOptions> options, UsageTelemetry telemetry, TimeProvider clock, ILogger<TokenQuotas> logger)
{
    public async Task<QuotaCheck> CheckAsync(ModelCaller caller, long tokens)
    {
        var now = clock.GetUtcNow();
        long perMinute, perDay, minuteUsed, dayUsed;
        try
        {
            perMinute = await overrides.GetAsync(caller.Tenant, TenantQuota.TokensPerMinute, options.Value.TokensPerMinute);
            perDay = await overrides.GetAsync(caller.Tenant, TenantQuota.TokensPerDay, options.Value.TokensPerDay);
            (minuteUsed, dayUsed) = await store.UsedAsync(caller.Tenant, now);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            // Model serving outlives a Redis outage: unmetered, logged and counted, rather than refused.
            telemetry.RedisFailed("check");
            LogCheckFailed(exception, caller.Tenant);
            return QuotaCheck.Unknown;
        }

        var needed = Math.Max(tokens, 1);
        var minuteReset = TimeSpan.FromSeconds(60) - TimeSpan.FromTicks(now.UtcTicks % TimeSpan.TicksPerMinute);
        var dayReset = TimeSpan.FromDays(1) - now.UtcDateTime.TimeOfDay;
        QuotaCheck check;
        if (minuteUsed + needed > perMinute)
        {
            check = new QuotaCheck(TenantQuota.TokensPerMinute, perMinute, Math.Max(0, perMinute - minuteUsed), minuteReset, tokens);
        }
        else if (dayUsed + needed > perDay)
        {
            check = new QuotaCheck(TenantQuota.TokensPerDay, perDay, Math.Max(0, perDay - dayUsed), dayReset, tokens);
        }
        else
        {
            return new QuotaCheck(null, perMinute, perMinute - minuteUsed, minuteReset, tokens);
        }

        telemetry.QuotaRejected(caller.Tenant, check.ExceededQuota!);
        return check;
    }

    /// <summary>The limits and what is left of them now, for <c>GET /v1/usage</c>.</summary>
    public async Task<(long PerMinute, long MinuteUsed, long PerDay, long DayUsed)> StateAsync(string tenant)
    {
        var perMinute = await overrides.GetAsync(tenant, TenantQuota.TokensPerMinute, options.Value.TokensPerMinute);
        var perDay = await overrides.GetAsync(tenant, TenantQuota.TokensPerDay, options.Value.TokensPerDay);
        var (minuteUsed, dayUsed) = await store.UsedAsync(tenant, clock.GetUtcNow());
        return (perMinute, minuteUsed, perDay, dayUsed);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Token quotas of tenant {Tenant} could not be read; the call goes ahead unchecked.")]
    private partial void LogCheckFailed(Exception exception, string tenant);
}
