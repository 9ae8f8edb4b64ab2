namespace Platform.Deploy.Tests.Support;

/// <summary>The pod-to-pod edges rendered NetworkPolicies allow, read from both ends.</summary>
public static class PolicyEdges
{
    public const string NameLabel = "app.kubernetes.io/name";

    public static bool IsMonitoringPeer(V1NetworkPolicyPeer peer, string component) =>
        peer.NamespaceSelector is null && NameOf(peer) == component;

    /// <summary>
    /// A peer in the namespace that is not one of the monitoring stack's workloads, which the overlay adds, nor a job's
    /// pods (Redis backups, whose edge to Redis <c>BackupTests</c> checks).
    /// </summary>
    private static Func<V1NetworkPolicyPeer, bool> IsGraphPeer(RenderedEnvironment rendered)
    {
        var notGraph = NotGraph(rendered);
        return peer => peer.PodSelector is not null && peer.NamespaceSelector is null && !(NameOf(peer) is { } name && notGraph.Contains(name));
    }

    private static HashSet<string> NotGraph(RenderedEnvironment rendered) =>
        [.. rendered.Monitoring.OfType<V1Deployment>().Select(deployment => deployment.Metadata.Name), .. rendered.Jobs.Select(job => job.Name)];

    private static bool SelectsGraphPods(V1NetworkPolicy policy, HashSet<string> notGraph) =>
        policy.Spec.PodSelector.MatchLabels?.TryGetValue(NameLabel, out var name) == true && !notGraph.Contains(name);

    private static string? NameOf(V1NetworkPolicyPeer peer) =>
        peer.PodSelector?.MatchLabels is { } labels && labels.TryGetValue(NameLabel, out var name) ? name : null;

    public static ISet<(string From, string To)> Egress(RenderedEnvironment rendered)
    {
        var isGraphPeer = IsGraphPeer(rendered);
        var notGraph = NotGraph(rendered);
        return rendered.All<V1NetworkPolicy>()
            .Where(policy => SelectsGraphPods(policy, notGraph))
            .SelectMany(policy => (policy.Spec.Egress ?? [])
                .SelectMany(rule => rule.To ?? [])
                .Where(isGraphPeer)
                .Select(peer => (policy.Spec.PodSelector.MatchLabels[NameLabel], peer.PodSelector.MatchLabels[NameLabel])))
            .ToHashSet();
    }

    public static ISet<(string From, string To)> Ingress(RenderedEnvironment rendered)
    {
        var isGraphPeer = IsGraphPeer(rendered);
        var notGraph = NotGraph(rendered);
        return rendered.All<V1NetworkPolicy>()
            .Where(policy => SelectsGraphPods(policy, notGraph))
            .SelectMany(policy => (policy.Spec.Ingress ?? [])
                .SelectMany(rule => rule.FromProperty ?? [])
                .Where(isGraphPeer)
                .Select(peer => (peer.PodSelector.MatchLabels[NameLabel], policy.Spec.PodSelector.MatchLabels[NameLabel])))
            .ToHashSet();
    }
}
