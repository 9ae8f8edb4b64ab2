using k8s.Models;
using Platform.Hosting.Kubernetes.Graph;

namespace Platform.Hosting.Kubernetes.Manifests;

/// <summary>
/// How a workload stays up: replicas spread over nodes (and zones where the environment asks) and a disruption budget
/// one below the replica floor. The autoscalers are per environment (<see cref="Autoscaling.AutoscalingManifests"/>).
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

    /// <summary>
    /// Zones, then nodes; the zone rule is hard where the environment requires it. Only pods of the same revision
    /// count (<c>pod-template-hash</c>), so a rollout's surge pod is not held back by the pods it replaces. Null where
    /// the environment does not spread across zones.
    /// </summary>
    public static IList<V1TopologySpreadConstraint>? TopologySpread(string workload, EnvironmentSettings settings) => settings.SpreadAcrossZones
        ?
        [
            Spread(workload, "topology.kubernetes.io/zone", settings.RequireZoneSpread ? "DoNotSchedule" : "ScheduleAnyway"),
            Spread(workload, "kubernetes.io/hostname", "ScheduleAnyway"),
        ]
        : null;

    private static V1TopologySpreadConstraint Spread(string workload, string key, string whenUnsatisfiable) => new()
    {
        MaxSkew = 1,
        TopologyKey = key,
        WhenUnsatisfiable = whenUnsatisfiable,
        LabelSelector = new V1LabelSelector { MatchLabels = WorkloadLabels.Selector(workload) },
        MatchLabelKeys = ["pod-template-hash"],
    };

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
}
