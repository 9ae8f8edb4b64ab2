using k8s.Models;
using Platform.Hosting.Kubernetes.Graph;

namespace Platform.Hosting.Kubernetes.Manifests;

/// <summary>
/// How a workload stays up: replicas spread over nodes (and zones where the environment asks), a disruption budget one
/// below the replica floor, and an autoscaler on CPU and memory between the environment's bounds.
/// </summary>
public static class Availability
{
    public static V1Affinity SpreadOverNodes(string workload) => new()
    {
        PodAntiAffinity = new V1PodAntiAffinity
        {
            PreferredDuringSchedulingIgnoredDuringExecution =
            [
                new V1WeightedPodAffinityTerm
                {
                    Weight = 100,
                    PodAffinityTerm = new V1PodAffinityTerm
                    {
                        TopologyKey = "kubernetes.io/hostname",
                        LabelSelector = new V1LabelSelector { MatchLabels = WorkloadLabels.Selector(workload) },
                    },
                },
            ],
        },
    };

    /// <summary>Spread across zones and nodes, or null where the environment does not ask for it.</summary>
    public static IList<V1TopologySpreadConstraint>? TopologySpread(string workload, EnvironmentSettings settings) =>
        settings.SpreadAcrossZones
            ?
            [
                new() { MaxSkew = 1, TopologyKey = "topology.kubernetes.io/zone", WhenUnsatisfiable = "ScheduleAnyway", LabelSelector = new V1LabelSelector { MatchLabels = WorkloadLabels.Selector(workload) } },
                new() { MaxSkew = 1, TopologyKey = "kubernetes.io/hostname", WhenUnsatisfiable = "ScheduleAnyway", LabelSelector = new V1LabelSelector { MatchLabels = WorkloadLabels.Selector(workload) } },
            ]
            : null;

    public static V1PodDisruptionBudget DisruptionBudget(Workload workload, IDictionary<string, string> labels, int minReplicas) => new()
    {
        ApiVersion = "policy/v1",
        Kind = V1PodDisruptionBudget.KubeKind,
        Metadata = WorkloadLabels.Metadata(workload.Name, labels),
        Spec = new V1PodDisruptionBudgetSpec
        {
            MinAvailable = MinAvailable(minReplicas),
            Selector = new V1LabelSelector { MatchLabels = WorkloadLabels.Selector(workload.Name) },
            UnhealthyPodEvictionPolicy = "AlwaysAllow",
        },
    };

    /// <summary>One below the replica floor, so a node drain can always move a pod.</summary>
    public static int MinAvailable(int minReplicas) => minReplicas - 1;

    public static V2HorizontalPodAutoscaler Autoscaler(Workload workload, IDictionary<string, string> labels, EnvironmentSettings settings) => new()
    {
        ApiVersion = "autoscaling/v2",
        Kind = V2HorizontalPodAutoscaler.KubeKind,
        Metadata = WorkloadLabels.Metadata(workload.Name, labels),
        Spec = new V2HorizontalPodAutoscalerSpec
        {
            ScaleTargetRef = new V2CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = V1Deployment.KubeKind, Name = workload.Name },
            MinReplicas = settings.MinReplicas,
            MaxReplicas = settings.MaxReplicas,
            Metrics =
            [
                UtilizationOf("cpu", 70),
                UtilizationOf("memory", 80),
            ],
        },
    };

    private static V2MetricSpec UtilizationOf(string resource, int percent) => new()
    {
        Type = "Resource",
        Resource = new V2ResourceMetricSource { Name = resource, Target = new V2MetricTarget { Type = "Utilization", AverageUtilization = percent } },
    };
}
