namespace Platform.Hosting.Kubernetes.Graph;

/// <summary>The work waiting for a workload, which KEDA scales it on beside CPU.</summary>
public abstract record BacklogScaling;

/// <summary>
/// A Redis stream read by a consumer group: the group's lag (entries not yet delivered; pending entries are runs
/// already being worked on). The setting keys name the service's own configuration, so the stream and group the
/// autoscaler watches are the ones the service reads.
/// </summary>
public sealed record RedisStreamBacklog(string Redis, string StreamKey, string GroupKey, string PerReplicaKey) : BacklogScaling;

/// <summary>A Prometheus query over a metric the service emits, with the value one replica should carry.</summary>
public sealed record PrometheusBacklog(string Query, int PerReplica) : BacklogScaling;

/// <summary>Carries a <see cref="BacklogScaling"/> on the resource in the app model.</summary>
public sealed class BacklogScalingAnnotation(BacklogScaling backlog) : IResourceAnnotation
{
    public BacklogScaling Backlog { get; } = backlog;
}
