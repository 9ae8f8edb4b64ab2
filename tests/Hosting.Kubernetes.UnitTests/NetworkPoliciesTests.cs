using Platform.Hosting.Kubernetes.Manifests;
using Platform.Hosting.Kubernetes.UnitTests.Support;

namespace Platform.Hosting.Kubernetes.UnitTests;

public sealed class NetworkPoliciesTests
{
    private static V1NetworkPolicy PolicyOf(string name, Action<KubernetesPublisherOptions>? change = null) =>
        Builders.NetworkPolicies(SampleGraph.Graph, Builders.Options(change)).Single(policy => policy.Metadata.Name == name);

    [Fact]
    public void Everything_is_denied_first_then_dns_then_one_policy_per_workload()
    {
        var names = Builders.NetworkPolicies(SampleGraph.Graph).Select(policy => policy.Metadata.Name);

        Assert.Equal([NetworkPolicies.DefaultDenyName, NetworkPolicies.DnsName, "gateway", "models", "redis"], names);
        Assert.Null(PolicyOf(NetworkPolicies.DefaultDenyName).Spec.Ingress);
        Assert.Null(PolicyOf(NetworkPolicies.DefaultDenyName).Spec.Egress);
    }

    [Fact]
    public void A_reference_allows_egress_at_the_caller_and_ingress_at_the_callee()
    {
        var gatewayEgress = PolicyOf("gateway").Spec.Egress;
        var modelsIngress = PolicyOf("models").Spec.Ingress;

        Assert.Contains(gatewayEgress, rule => rule.To.Any(peer => peer.PodSelector?.MatchLabels[WorkloadLabels.Name] == "models"));
        Assert.Contains(modelsIngress, rule => rule.FromProperty.Any(peer => peer.PodSelector?.MatchLabels[WorkloadLabels.Name] == "gateway"));
        Assert.DoesNotContain(PolicyOf("models").Spec.Egress, rule => rule.To.Any(peer => peer.PodSelector?.MatchLabels.ContainsKey(WorkloadLabels.Name) == true
            && peer.PodSelector.MatchLabels[WorkloadLabels.Name] == "redis"));
    }

    [Fact]
    public void Only_the_external_workload_is_reachable_from_the_edge_proxies()
    {
        static bool FromEdgeProxies(V1NetworkPolicy policy) => policy.Spec.Ingress?.Any(rule => rule.FromProperty.Any(peer =>
            peer.NamespaceSelector?.MatchLabels["kubernetes.io/metadata.name"] == "envoy-gateway-system")) == true;

        Assert.True(FromEdgeProxies(PolicyOf("gateway")));
        Assert.False(FromEdgeProxies(PolicyOf("models")));
    }

    [Fact]
    public void Declared_external_egress_reaches_the_internet_but_never_private_ranges()
    {
        var egress = PolicyOf("models").Spec.Egress.Single(rule => rule.To.Any(peer => peer.IpBlock is not null));
        var block = egress.To.Single().IpBlock;

        Assert.Equal("0.0.0.0/0", block.Cidr);
        Assert.Contains("169.254.0.0/16", block.Except);
        Assert.Contains("10.0.0.0/8", block.Except);
        Assert.Equal(443, egress.Ports.Single().Port.Value is string port ? int.Parse(port, System.Globalization.CultureInfo.InvariantCulture) : -1);
    }

    [Fact]
    public void Monitoring_in_its_own_namespace_is_selected_by_namespace()
    {
        static IEnumerable<V1NetworkPolicyPeer> Scrapers(V1NetworkPolicy policy) =>
            policy.Spec.Ingress.SelectMany(rule => rule.FromProperty).Where(peer => peer.PodSelector?.MatchLabels.Values.Contains("prometheus") == true);

        Assert.All(Scrapers(PolicyOf("models")), peer => Assert.Null(peer.NamespaceSelector));
        Assert.All(Scrapers(PolicyOf("models", options => options.MonitoringNamespace = "monitoring")),
            peer => Assert.Equal("monitoring", peer.NamespaceSelector.MatchLabels["kubernetes.io/metadata.name"]));
    }
}
