namespace Platform.Deploy.Tests.Support;

/// <summary>The pod-to-pod edges rendered NetworkPolicies allow, read from both ends.</summary>
public static class PolicyEdges
{
    public const string NameLabel = "app.kubernetes.io/name";

    public static ISet<(string From, string To)> Egress(RenderedEnvironment rendered) =>
        rendered.All<V1NetworkPolicy>()
            .Where(policy => policy.Spec.PodSelector.MatchLabels?.ContainsKey(NameLabel) == true)
            .SelectMany(policy => (policy.Spec.Egress ?? [])
                .SelectMany(rule => rule.To ?? [])
                .Where(peer => peer.PodSelector is not null && peer.NamespaceSelector is null)
                .Select(peer => (policy.Spec.PodSelector.MatchLabels[NameLabel], peer.PodSelector.MatchLabels[NameLabel])))
            .ToHashSet();

    public static ISet<(string From, string To)> Ingress(RenderedEnvironment rendered) =>
        rendered.All<V1NetworkPolicy>()
            .Where(policy => policy.Spec.PodSelector.MatchLabels?.ContainsKey(NameLabel) == true)
            .SelectMany(policy => (policy.Spec.Ingress ?? [])
                .SelectMany(rule => rule.FromProperty ?? [])
                .Where(peer => peer.PodSelector is not null && peer.NamespaceSelector is null)
                .Select(peer => (peer.PodSelector.MatchLabels[NameLabel], policy.Spec.PodSelector.MatchLabels[NameLabel])))
            .ToHashSet();
}
