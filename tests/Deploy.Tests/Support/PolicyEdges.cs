namespace Platform.Deploy.Tests.Support;

/// <summary>The pod-to-pod edges rendered NetworkPolicies allow, read from both ends.</summary>
public static class PolicyEdges
{
    public const string NameLabel = "app.kubernetes.io/name";

    /// <summary>Components of the monitoring stack in the environment's namespace (deploy/monitoring).</summary>
    public static readonly HashSet<string> MonitoringComponents = ["otel-collector", "prometheus", "grafana", "jaeger", "loki"];

    public static bool IsMonitoringPeer(V1NetworkPolicyPeer peer, string component) =>
        peer.NamespaceSelector is null && peer.PodSelector?.MatchLabels is { } labels
        && labels.TryGetValue(NameLabel, out var name) && name == component;

    private static bool IsGraphPeer(V1NetworkPolicyPeer peer) =>
        peer.PodSelector is not null && peer.NamespaceSelector is null
        && !(peer.PodSelector.MatchLabels is { } labels && labels.TryGetValue(NameLabel, out var name) && MonitoringComponents.Contains(name));

    public static ISet<(string From, string To)> Egress(RenderedEnvironment rendered) =>
        rendered.All<V1NetworkPolicy>()
            .Where(policy => policy.Spec.PodSelector.MatchLabels?.ContainsKey(NameLabel) == true)
            .SelectMany(policy => (policy.Spec.Egress ?? [])
                .SelectMany(rule => rule.To ?? [])
                .Where(IsGraphPeer)
                .Select(peer => (policy.Spec.PodSelector.MatchLabels[NameLabel], peer.PodSelector.MatchLabels[NameLabel])))
            .ToHashSet();

    public static ISet<(string From, string To)> Ingress(RenderedEnvironment rendered) =>
        rendered.All<V1NetworkPolicy>()
            .Where(policy => policy.Spec.PodSelector.MatchLabels?.ContainsKey(NameLabel) == true)
            .SelectMany(policy => (policy.Spec.Ingress ?? [])
                .SelectMany(rule => rule.FromProperty ?? [])
                .Where(IsGraphPeer)
                .Select(peer => (peer.PodSelector.MatchLabels[NameLabel], policy.Spec.PodSelector.MatchLabels[NameLabel])))
            .ToHashSet();
}
