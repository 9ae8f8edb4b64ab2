namespace Platform.AgentService.Quotas;

/// <summary>
/// A write refused because the tenant reached a quota; nothing was written. Answered by <see cref="QuotaErrors"/>
/// as an OpenAI-style error with code <c>quota_exceeded</c> naming the quota: 429 for active runs (they end by
/// themselves, so retrying later works), 413 for sizes and 403 for counts.
/// </summary>
public sealed class QuotaExceededException(string quota, long limit, string message) : Exception(message)
{
    public string Quota { get; } = quota;

    public long Limit { get; } = limit;

    public int Status => Quota switch
    {
        ServiceDefaults.Tenancy.TenantQuota.ActiveRuns => StatusCodes.Status429TooManyRequests,
        ServiceDefaults.Tenancy.TenantQuota.StoredBytes => StatusCodes.Status413PayloadTooLarge,
        _ => StatusCodes.Status403Forbidden,
    };

    public static QuotaExceededException For(string quota, TenantLimitSet limits) => quota switch
    {
        ServiceDefaults.Tenancy.TenantQuota.StoredBytes => new(quota, limits.StoredBytes,
            $"Quota 'stored_bytes' exceeded: this would store more than {limits.StoredBytes} bytes. Delete threads, documents or agents first."),
        ServiceDefaults.Tenancy.TenantQuota.ActiveRuns => new(quota, limits.ActiveRuns,
            $"Quota 'active_runs' exceeded: at most {limits.ActiveRuns} runs may be queued, running or waiting for approval at once."),
        _ => new(quota, LimitOf(quota, limits), $"Quota '{quota}' exceeded: at most {LimitOf(quota, limits)} {quota} are allowed. Delete some first."),
    };

    private static long LimitOf(string quota, TenantLimitSet limits) => quota switch
    {
        ServiceDefaults.Tenancy.TenantQuota.Agents => limits.Agents,
        ServiceDefaults.Tenancy.TenantQuota.Threads => limits.Threads,
        ServiceDefaults.Tenancy.TenantQuota.Collections => limits.Collections,
        ServiceDefaults.Tenancy.TenantQuota.Documents => limits.Documents,
        _ => 0,
    };
}
