using Aspire.Hosting.ApplicationModel;
using Platform.Deploy.Tests.Support;

namespace Platform.Deploy.Tests;

[Collection(PublishedPlatformCollection.Name)]
public sealed class NetworkPolicyTests(PublishedPlatform platform)
{
    public static TheoryData<string> Environments => [.. PublishedPlatform.Environments];

    private static readonly (string, string)[] PlatformEdges =
        [("agents", "models"), ("agents", "redis"), ("gateway", "agents"), ("gateway", "models"), ("gateway", "redis"), ("models", "redis")];

    [Theory]
    [MemberData(nameof(Environments))]
    public void Ingress_and_egress_are_denied_by_default(string environment)
    {
        var deny = platform.Rendered[environment].Single<V1NetworkPolicy>("default-deny");

        Assert.Empty(deny.Spec.PodSelector.MatchLabels ?? new Dictionary<string, string>());
        Assert.Equal(["Egress", "Ingress"], deny.Spec.PolicyTypes.Order());
        Assert.Null(deny.Spec.Ingress);
        Assert.Null(deny.Spec.Egress);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Pod_to_pod_edges_are_exactly_the_references_of_the_graph(string environment)
    {
        var graphEdges = platform.Model.Resources
            .Where(resource => resource is ProjectResource or ContainerResource)
            .SelectMany(resource => resource.Annotations.OfType<ResourceRelationshipAnnotation>()
                .Where(relationship => relationship.Type == "Reference" && relationship.Resource is ProjectResource or ContainerResource)
                .Select(relationship => (resource.Name, relationship.Resource.Name)))
            .ToHashSet();
        var rendered = platform.Rendered[environment];

        Assert.Equal(PlatformEdges, graphEdges.Order());
        foreach (var edges in new[] { PolicyEdges.Egress(rendered), PolicyEdges.Ingress(rendered) })
        {
            Assert.Equal(graphEdges.Order(), edges.Select(edge => (rendered.AppOf(edge.From), rendered.AppOf(edge.To))).Distinct().Order());
            // In a blue-green environment each colour calls only its own colour (and the shared Redis).
            Assert.All(edges, edge => Assert.True(
                rendered.ColourOf(edge.To) is null || rendered.ColourOf(edge.To) == rendered.ColourOf(edge.From),
                $"{edge.From} -> {edge.To} crosses colours"));
            Assert.Equal(rendered.Colours.Count == 0 ? graphEdges.Count : (graphEdges.Count * rendered.Colours.Count), edges.Count);
        }
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Every_pod_is_isolated_and_every_policy_selects_pods(string environment)
    {
        var rendered = platform.Rendered[environment];

        Assert.All(rendered.All<V1NetworkPolicy>(), policy => Assert.NotEmpty(rendered.Selected(policy.Spec.PodSelector)));
        Assert.All(rendered.Workloads, workload => Assert.Contains(rendered.All<V1NetworkPolicy>(), policy =>
            (policy.Spec.PodSelector.MatchLabels?.TryGetValue(PolicyEdges.NameLabel, out var selected) == true && selected == workload.Name)
            && policy.Spec.PolicyTypes.Contains("Ingress") && policy.Spec.PolicyTypes.Contains("Egress")));
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Dns_is_reachable_from_every_pod_and_nothing_else_leaves_through_that_policy(string environment)
    {
        var dns = platform.Rendered[environment].Single<V1NetworkPolicy>("allow-dns");

        Assert.Empty(dns.Spec.PodSelector.MatchLabels ?? new Dictionary<string, string>());
        var rule = Assert.Single(dns.Spec.Egress);
        Assert.Contains(rule.To, peer => peer.NamespaceSelector?.MatchLabels["kubernetes.io/metadata.name"] == "kube-system");
        // NodeLocal DNSCache answers on a link-local address from host-network pods, which no pod selector matches.
        Assert.Contains(rule.To, peer => peer.IpBlock?.Cidr == "169.254.20.10/32");
        Assert.All(rule.To.Where(peer => peer.IpBlock is not null), peer => Assert.EndsWith("/32", peer.IpBlock.Cidr));
        Assert.Equal(["53/TCP", "53/UDP"], rule.Ports.Select(port => $"{port.Port.Value}/{port.Protocol}").Order());
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Only_the_gateway_is_reachable_from_the_edge_proxies(string environment)
    {
        var rendered = platform.Rendered[environment];
        var fromIngressController = rendered.All<V1NetworkPolicy>()
            .Where(policy => (policy.Spec.Ingress ?? []).Any(rule => (rule.FromProperty ?? [])
                .Any(peer => peer.NamespaceSelector?.MatchLabels["kubernetes.io/metadata.name"] == "envoy-gateway-system")))
            .Select(policy => policy.Metadata.Name);

        Assert.Equal(rendered.NamesOf("gateway"), fromIngressController);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Projects_export_to_the_collector_and_accept_scrapes_from_monitoring(string environment)
    {
        var rendered = platform.Rendered[environment];

        Assert.All(rendered.All<V1Deployment>(), deployment =>
        {
            var policy = rendered.Single<V1NetworkPolicy>(deployment.Metadata.Name);
            Assert.Contains(policy.Spec.Egress, rule => rule.To.Any(peer => PolicyEdges.IsMonitoringPeer(peer, "otel-collector"))
                && rule.Ports.Single().Port.Value == "4317");
            Assert.Contains(policy.Spec.Ingress, rule => rule.FromProperty.Any(peer => PolicyEdges.IsMonitoringPeer(peer, "prometheus"))
                && rule.Ports.Single().Port.Value == "8080");
        });
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Only_models_may_leave_the_cluster_and_only_to_public_https(string environment)
    {
        var external = platform.Rendered[environment].All<V1NetworkPolicy>()
            .Where(policy => policy.Metadata.Name != "allow-dns")
            .SelectMany(policy => (policy.Spec.Egress ?? []).Where(rule => (rule.To ?? []).Any(peer => peer.IpBlock is not null)).Select(rule => (policy.Metadata.Name, rule)))
            .ToList();

        var rendered = platform.Rendered[environment];
        Assert.Equal(rendered.NamesOf("models"), external.Select(item => item.Item1));
        var (_, rule) = external[0];
        var block = Assert.Single(rule.To).IpBlock;
        Assert.Equal("0.0.0.0/0", block.Cidr);
        Assert.Contains("10.0.0.0/8", block.Except);
        Assert.Contains("169.254.0.0/16", block.Except);
        Assert.Equal("443", Assert.Single(rule.Ports).Port.Value);
    }
}
