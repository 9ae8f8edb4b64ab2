using Platform.Hosting.Kubernetes.Graph;
using Platform.Hosting.Kubernetes.UnitTests.Support;

namespace Platform.Hosting.Kubernetes.UnitTests;

public sealed class RedisAndEdgeTests
{
    [Fact]
    public void Redis_is_a_one_replica_stateful_set_with_a_volume_and_its_password_from_a_secret()
    {
        var objects = Builders.Redis(SampleGraph.Redis, "dev", Builders.Options(options => options.RedisStorage = "5Gi"));
        var statefulSet = objects.OfType<V1StatefulSet>().Single();
        var container = statefulSet.Spec.Template.Spec.Containers[0];

        Assert.Equal(1, statefulSet.Spec.Replicas);
        Assert.Equal("5Gi", statefulSet.Spec.VolumeClaimTemplates[0].Spec.Resources.Requests["storage"].ToString());
        Assert.Equal(["--requirepass", "$(REDIS_PASSWORD)"], container.Args.Take(2));
        Assert.Contains(container.Env, variable => variable.Name == "REDISCLI_AUTH" && variable.ValueFrom.SecretKeyRef.Name == "redis-password");
        Assert.Equal(2, objects.OfType<V1Service>().Count());
    }

    [Fact]
    public void Redis_without_a_password_is_refused()
    {
        var open = SampleGraph.Redis with { Environment = [] };

        var failure = Assert.Throws<NotSupportedException>(() => Builders.Redis(open, "dev"));

        Assert.Contains("password", failure.Message);
    }

    [Theory]
    [InlineData("dev", "Small")]
    [InlineData("production", "Large")]
    public void Redis_caps_its_memory_below_the_container_limit_and_refuses_writes_when_full(string environment, string size)
    {
        var container = Builders.Redis(SampleGraph.Redis, environment).OfType<V1StatefulSet>().Single().Spec.Template.Spec.Containers[0];
        var sizing = (ResourceSizing)typeof(ResourceSizing).GetProperty(size)!.GetValue(null)!;
        var limit = new ResourceQuantity(sizing.MemoryLimit).ToDecimal();

        Assert.Equal(((long)(limit * 75 / 100)).ToString(System.Globalization.CultureInfo.InvariantCulture), container.Args[container.Args.IndexOf("--maxmemory") + 1]);
        Assert.Equal("noeviction", container.Args[container.Args.IndexOf("--maxmemory-policy") + 1]);
        Assert.Contains("m * 95", container.ReadinessProbe.Exec.Command[2]);
    }

    [Fact]
    public void The_edge_serves_the_environment_host_with_a_certificate_from_its_issuer()
    {
        var edge = Builders.Edge(SampleGraph.WithServiceSettings, "staging");
        var certificate = edge.OfType<Manifests.Edge.Certificate>().Single();
        var listener = Assert.Single(edge.OfType<Manifests.Edge.GatewayApiGateway>().Single().Spec.Listeners);

        Assert.Equal(["platform.staging.example.com"], certificate.Spec.DnsNames);
        Assert.Equal("letsencrypt-staging", certificate.Spec.IssuerRef.Name);
        Assert.Equal("platform-staging-tls", certificate.Spec.SecretName);
        Assert.Equal("platform.staging.example.com", listener.Hostname);
        Assert.Equal("platform-staging-tls", Assert.Single(listener.Tls!.CertificateRefs).Name);
    }

    [Fact]
    public void Each_gateway_route_gets_an_http_route_with_its_own_timeout_plus_the_margin_and_its_body_limit()
    {
        var edge = Builders.Edge(SampleGraph.WithServiceSettings, "dev");
        var routes = edge.OfType<Manifests.Edge.HttpRoute>().ToDictionary(route => route.Metadata.Name);
        var buffers = edge.OfType<Manifests.Edge.BackendTrafficPolicy>().ToDictionary(policy => policy.Metadata.Name);

        Assert.Equal(["gateway-chat", "gateway-files"], routes.Keys.Order(StringComparer.Ordinal));
        var chat = Assert.Single(routes["gateway-chat"].Spec.Rules);
        Assert.Equal("Exact", Assert.Single(chat.Matches).Path.Type);
        Assert.Equal("305s", chat.Timeouts!.Request);
        var files = Assert.Single(routes["gateway-files"].Spec.Rules);
        Assert.Equal(("PathPrefix", "/v1/files"), (Assert.Single(files.Matches).Path.Type, files.Matches[0].Path.Value));
        Assert.Equal("105s", files.Timeouts!.Request);
        Assert.Equal("52428800", buffers["gateway-files"].Spec.RequestBuffer!.Limit);
        Assert.Equal("1048576", buffers["gateway-chat"].Spec.RequestBuffer!.Limit);
    }

    [Fact]
    public void Only_workloads_with_external_endpoints_get_an_edge()
    {
        var internalOnly = SampleGraph.WithServiceSettings with
        {
            Workloads = [.. SampleGraph.WithServiceSettings.Workloads.Select(workload => workload with { IsExternal = false })],
        };

        Assert.Empty(Builders.Edge(internalOnly, "dev"));
    }
}
