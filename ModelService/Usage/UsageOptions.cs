using System.ComponentModel.DataAnnotations;

namespace Platform.ModelService.Usage;

/// <summary>Usage metering and token quotas (section <c>Usage</c>); every figure is documented in docs/models.md.</summary>
public sealed class UsageOptions
{
    public const string Section = "Usage";

    /// <summary>
    /// Model tokens (prompt + completion, embedding inputs) one tenant may use per clock minute, unless its
    /// <c>tokens_per_minute</c> override says otherwise.
    /// </summary>
    [Range(1, long.MaxValue)]
    public long TokensPerMinute { get; set; } = 200_000;

    /// <summary>Model tokens one tenant may use per UTC day, unless its <c>tokens_per_day</c> override says otherwise.</summary>
    [Range(1, long.MaxValue)]
    public long TokensPerDay { get; set; } = 10_000_000;

    /// <summary>How long a tenant's daily usage stays readable through <c>GET /v1/usage</c> (the Redis hash's TTL).</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Most days one <c>GET /v1/usage</c> covers (each day is one Redis read).</summary>
    [Range(1, 3650)]
    public int MaxQueryDays { get; set; } = 93;

    /// <summary>
    /// Tenants that always get their own <c>tenant</c> label on the usage metrics (billing dashboards name them).
    /// </summary>
    public List<string> MetricsTenants { get; set; } = [];

    /// <summary>
    /// Besides <see cref="MetricsTenants"/>, how many tenants a replica labels by name, in the order it first meters
    /// them; every other tenant is counted under <c>other</c>, so the label set stays bounded. 0: only the allowlist.
    /// </summary>
    [Range(0, 1_000)]
    public int MetricsTenantLimit { get; set; } = 20;
}
