namespace Platform.Deploy.Tests.Support;

/// <summary>The pod-to-pod edges rendered NetworkPolicies allow, read from both ends.</summary>
public static class PolicyEdges
{
    public const string NameLabel = "app.kubernetes.io/name";

    public static bool IsMonitoringPeer(V1NetworkPolicyPeer peer, string component) =>
        peer.NamespaceSelector is null && NameOf(peer) == component;

    /// <summary>A peer in the namespace that is not one of the monitoring stack's workloads, which the overlay adds.</summary>
    private static Func<V1NetworkPolicyPeer, bool> IsGraphPeer(RenderedEnvironment rendered)
    {
        var monitoring = rendered.Monitoring.OfType<V1Deployment>().Select(deployment => deployment.Metadata.Name).ToHashSet();
        return peer => peer.PodSelector is not null && peer.NamespaceSelector is null && !(NameOf(peer) is { } name && monitoring.Contains(name));
    }

    private static string? NameOf(V1NetworkPolicyPeer peer) =>
        peer.PodSelector?.MatchLabels is { } labels && labels.TryGetValue(NameLabel, out var name) ? name : null;

    public static ISet<(string From, string To)> Egress(RenderedEnvironment rendered)
    {
        var isGraphPeer = IsGraphPeer(rendered);
        return rendered.All<V1NetworkPolicy>()
            .Where(policy => policy.Spec.PodSelector.MatchLabels?.ContainsKey(NameLabel) == true)
            .SelectMany(policy => (policy.Spec.Egress ?? [])
                .SelectMany(rule => rule.To ?? [])
                .Where(isGraphPeer)
                .Select(peer => (policy.Spec.PodSelector.MatchLabels[NameLabel], peer.PodSelector.MatchLabels[NameLabel])))
            .ToHashSet();
    }

    public static ISet<(string From, string To)> Ingress(RenderedEnvironment rendered)
    {
        var isGraphPeer = IsGraphPeer(rendered);
        return rendered.All<V1NetworkPolicy>()
            .Where(policy => policy.Spec.PodSelector.MatchLabels?.ContainsKey(NameLabel) == true)
            .SelectMany(policy => (policy.Spec.Ingress ?? [])
                .SelectMany(rule => rule.FromProperty ?? [])
                .Where(isGraphPeer)
                .Select(peer => (peer.PodSelector.MatchLabels[NameLabel], policy.Spec.PodSelector.MatchLabels[NameLabel])))
            .ToHashSet();
    }
}
