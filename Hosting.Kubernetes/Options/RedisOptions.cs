using System.ComponentModel.DataAnnotations;

namespace Platform.Hosting.Kubernetes;

/// <summary>
/// The in-cluster Redis: <c>maxmemory</c> as a share of the container's memory limit, the rest left for the AOF
/// rewrite's copy-on-write and client buffers, and <c>noeviction</c> because Redis holds runs and keys, not a cache.
/// </summary>
public sealed class RedisOptions
{
    /// <summary><c>maxmemory</c> in percent of the container's memory limit. Default 75.</summary>
    [Range(10, 95)]
    public int MaxMemoryPercent { get; set; } = 75;

    /// <summary>Readiness fails when used memory reaches this percent of <c>maxmemory</c>. Default 95.</summary>
    [Range(50, 100)]
    public int MemoryPressurePercent { get; set; } = 95;
}
