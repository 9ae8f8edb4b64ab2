using System.ComponentModel.DataAnnotations;

namespace Platform.Hosting.Kubernetes;

/// <summary>
/// What the autoscalers scale on: CPU for every project, memory only as a guard near the limit (.NET keeps the
/// memory it grew to), and the work waiting where a service has a queue (KEDA). Bounds are per environment.
/// </summary>
public sealed class AutoscalingOptions
{
    /// <summary>Average CPU, in percent of the request, the autoscalers keep. Default 70.</summary>
    [Range(10, 100)]
    public int CpuUtilization { get; set; } = 70;

    /// <summary>Average memory, in percent of the request, above which a pod is added anyway. Default 90.</summary>
    [Range(50, 200)]
    public int MemoryGuardUtilization { get; set; } = 90;

    /// <summary>How long the recommendation must stay lower before replicas are removed. Default 5 min.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ScaleDownStabilization { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>At most this many pods are removed per minute. Default 1, so streams move away a few at a time.</summary>
    [Range(1, 100)]
    public int ScaleDownPodsPerMinute { get; set; } = 1;

    /// <summary>How often KEDA reads the queues, in seconds. Default 15.</summary>
    [Range(5, 600)]
    public int PollingIntervalSeconds { get; set; } = 15;

    /// <summary>Prometheus that KEDA queries for the model queue depth.</summary>
    [Required]
    public Uri PrometheusAddress { get; set; } = new("http://prometheus:9090");
}
