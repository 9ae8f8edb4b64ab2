using Platform.Deploy.Tests.Support;
using Platform.Hosting.Kubernetes.Manifests.Edge;

namespace Platform.Deploy.Tests;

/// <summary>
/// The edge (Gateway API on Envoy Gateway, cert-manager) lets through everything the gateway accepts: every gateway
/// route has an HTTPRoute whose timeout and body limit are at least the gateway's, under TLS from an issued certificate.
/// </summary>
[Collection(PublishedPlatformCollection.Name)]
public sealed class EdgeTests(PublishedPlatform platform)
{
    public static TheoryData<string> Environments => [.. PublishedPlatform.Environments];

    [Theory]
    [MemberData(nameof(Environments))]
    public void Every_gateway_route_has_an_edge_route_whose_timeout_covers_the_gateway_timeout(string environment)
    {
        var rendered = platform.Rendered[environment];
        var routes = rendered.All<HttpRoute>().ToList();

        Assert.All(ServiceAppSettings.GatewayRoutes(), gatewayRoute =>
        {
            var route = Assert.Single(routes, route => route.Spec.Rules.Any(rule => rule.Matches.Any(match => Matches(match.Path, gatewayRoute.Path))));
            var rule = Assert.Single(route.Spec.Rules);
            Assert.True(GatewayApiDuration.Parse(rule.Timeouts!.Request!) >= gatewayRoute.Timeout,
                $"{gatewayRoute.Id}: edge {rule.Timeouts.Request} < gateway {gatewayRoute.Timeout}");
            Assert.True(GatewayApiDuration.Parse(rule.Timeouts.BackendRequest!) >= gatewayRoute.Timeout);
            Assert.Equal(rendered.NamesOf("gateway"), rule.BackendRefs.Select(backend => backend.Name));
        });
        Assert.Equal(ServiceAppSettings.GatewayRoutes().Count, routes.Count);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Every_gateway_route_has_an_edge_body_limit_at_least_the_gateway_limit(string environment)
    {
        var rendered = platform.Rendered[environment];

        Assert.All(ServiceAppSettings.GatewayRoutes(), gatewayRoute =>
        {
            var route = rendered.All<HttpRoute>().Single(route => route.Spec.Rules.Any(rule => rule.Matches.Any(match => Matches(match.Path, gatewayRoute.Path))));
            var policy = Assert.Single(rendered.All<BackendTrafficPolicy>(), policy => policy.Spec.TargetRefs.Any(target => target.Kind == "HTTPRoute" && target.Name == route.Metadata.Name));
            Assert.True(new ResourceQuantity(policy.Spec.RequestBuffer!.Limit).ToDecimal() >= gatewayRoute.Body,
                $"{gatewayRoute.Id}: edge body limit {policy.Spec.RequestBuffer.Limit} < gateway {gatewayRoute.Body}");
        });
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void The_gateway_is_served_over_tls_with_a_certificate_cert_manager_issues(string environment)
    {
        var rendered = platform.Rendered[environment];

        Assert.Empty(rendered.All<V1Ingress>());
        var gateway = Assert.Single(rendered.All<GatewayApiGateway>());
        var listener = Assert.Single(gateway.Spec.Listeners);
        Assert.Equal("HTTPS", listener.Protocol);
        var secret = Assert.Single(listener.Tls!.CertificateRefs).Name;
        var certificate = Assert.Single(rendered.All<Certificate>());
        Assert.Equal(secret, certificate.Spec.SecretName);
        Assert.Equal([listener.Hostname!], certificate.Spec.DnsNames);
        Assert.False(string.IsNullOrEmpty(certificate.Spec.IssuerRef.Name));
        Assert.All(rendered.All<HttpRoute>(), route =>
        {
            Assert.Equal(gateway.Metadata.Name, Assert.Single(route.Spec.ParentRefs).Name);
            Assert.All(route.Spec.Rules.SelectMany(rule => rule.Matches), match => Assert.StartsWith("/v1/", match.Path.Value + "/"));
        });
    }

    [Fact]
    public void Each_environment_has_its_own_host_certificate_and_issuer_for_production()
    {
        var certificates = PublishedPlatform.Environments.ToDictionary(environment => environment, environment => platform.Rendered[environment].All<Certificate>().Single());

        Assert.Equal(3, certificates.Values.Select(certificate => certificate.Spec.DnsNames.Single()).Distinct().Count());
        Assert.Equal(3, certificates.Values.Select(certificate => certificate.Spec.SecretName).Distinct().Count());
        Assert.NotEqual(certificates["staging"].Spec.IssuerRef.Name, certificates["production"].Spec.IssuerRef.Name);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Streams_may_stay_silent_at_the_edge_longer_than_a_heartbeat_interval(string environment)
    {
        var policy = Assert.Single(platform.Rendered[environment].All<ClientTrafficPolicy>());
        var heartbeat = TimeSpan.Parse(ServiceAppSettings.Of("AgentService")["Runs"]!["EventHeartbeatInterval"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

        // Two heartbeats may be late or lost before the edge gives up on a quiet stream.
        Assert.True(GatewayApiDuration.Parse(policy.Spec.Timeout!.Http.StreamIdleTimeout!) > heartbeat * 3);
    }

    /// <summary>YARP's <c>/x/{**rest}</c> is a prefix match at the edge; any other path is exact.</summary>
    private static bool Matches(HttpPathMatch edge, string gatewayPath)
    {
        var catchAll = gatewayPath.IndexOf("/{**", StringComparison.Ordinal);
        return catchAll >= 0
            ? edge.Type == "PathPrefix" && edge.Value == gatewayPath[..catchAll]
            : edge.Type == "Exact" && edge.Value == gatewayPath;
    }
}
