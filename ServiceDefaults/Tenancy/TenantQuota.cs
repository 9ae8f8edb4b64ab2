namespace Platform.ServiceDefaults.Tenancy;

/// <summary>
/// Names of the quotas a tenant can have overridden. A tenant's overrides live in one Redis hash
/// (<see cref="TenantQuotaOverrides.KeyOf"/>) whose fields are these names and whose values are integers; a
/// quota without a field uses the owning service's option default. The key admin API writes the hash, every
/// service reads it, so one override reaches every replica of every service.
/// </summary>
public static class TenantQuota
{
    public const string Agents = "agents";
    public const string Threads = "threads";
    public const string Collections = "collections";
    public const string Documents = "documents";
    public const string StoredBytes = "stored_bytes";
    public const string ThreadMessages = "thread_messages";
    public const string ThreadTtlSeconds = "thread_ttl_seconds";
    public const string RunTtlSeconds = "run_ttl_seconds";
    public const string ActiveRuns = "active_runs";
    public const string RequestsPerMinute = "requests_per_minute";
    public const string ConcurrentStreams = "concurrent_streams";
    public const string TokensPerMinute = "tokens_per_minute";
    public const string TokensPerDay = "tokens_per_day";
    public const string MaxSteps = "max_steps";
    public const string MaxDeadlineSeconds = "max_deadline_seconds";

    public static readonly IReadOnlyList<string> All =
    [
        Agents, Threads, Collections, Documents, StoredBytes, ThreadMessages, ThreadTtlSeconds, RunTtlSeconds,
        ActiveRuns, RequestsPerMinute, ConcurrentStreams, TokensPerMinute, TokensPerDay, MaxSteps, MaxDeadlineSeconds,
    ];

    public static bool IsKnown(string name) => All.Contains(name, StringComparer.Ordinal);
}
