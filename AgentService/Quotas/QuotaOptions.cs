using System.ComponentModel.DataAnnotations;

namespace Platform.AgentService.Quotas;

/// <summary>
/// Section <c>Quotas</c>: what one tenant (client id) may keep in the agent service. Each value is the default a
/// tenant gets when its override hash (<c>tenant:{id}:quotas</c>, field named as in <c>TenantQuota</c>) has no field.
/// </summary>
public sealed class QuotaOptions
{
    public const string Section = "Quotas";

    /// <summary>Agents one tenant may own (<c>agents</c>). Default 100.</summary>
    [Range(0, 10_000_000)]
    public long Agents { get; set; } = 100;

    /// <summary>Threads one tenant may keep (<c>threads</c>); expired threads no longer count. Default 10,000.</summary>
    [Range(0, 100_000_000)]
    public long Threads { get; set; } = 10_000;

    /// <summary>Knowledge collections one tenant may own (<c>collections</c>). Default 20.</summary>
    [Range(0, 10_000_000)]
    public long Collections { get; set; } = 20;

    /// <summary>Knowledge documents one tenant may keep across its collections (<c>documents</c>). Default 1,000.</summary>
    [Range(0, 100_000_000)]
    public long Documents { get; set; } = 1_000;

    /// <summary>
    /// Bytes one tenant may keep (<c>stored_bytes</c>): agent and thread records, thread histories, document chunks
    /// and their vectors. Default 100 MiB.
    /// </summary>
    [Range(0, long.MaxValue)]
    public long StoredBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>Messages a thread's history keeps (<c>thread_messages</c>); older turns are trimmed. Default 100.</summary>
    [Range(2, 100_000)]
    public long ThreadMessages { get; set; } = 100;

    /// <summary>A thread unused this long is deleted with its history (<c>thread_ttl_seconds</c>). Default 30 days.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan ThreadTtl { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Runs queued, running or waiting for approval at once (<c>active_runs</c>); beyond, 429. Default 50.</summary>
    [Range(1, 1_000_000)]
    public long ActiveRuns { get; set; } = 50;

    /// <summary>Largest <c>limits.max_steps</c> an agent may set, and the cap of every run (<c>max_steps</c>). Default 64.</summary>
    [Range(1, 1000)]
    public int MaxSteps { get; set; } = 64;

    /// <summary>Longest <c>limits.deadline_seconds</c> an agent may set, and the cap of every run (<c>max_deadline_seconds</c>). Default 1 hour.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxDeadline { get; set; } = TimeSpan.FromHours(1);
}
