using Platform.Hosting.Kubernetes;
using Platform.Hosting.Kubernetes.Manifests.Autoscaling;
using Platform.Deploy.Tests.Support;

namespace Platform.Deploy.Tests;

/// <summary>Production pointing at a managed Redis through a connection-string Secret instead of running one.</summary>
[Collection(PublishedPlatformCollection.Name)]
public sealed class ExternalRedisTests(PublishedPlatform platform)
{
    private const string ManagedRedisRange = "10.20.0.0/24";

    [Fact]
    public async Task Production_with_a_managed_redis_runs_no_redis_and_reads_the_connection_string_from_a_secret()
    {
        var (production, dev) = await PublishWithManagedRedisInProductionAsync();

        Assert.Empty(production.All<V1StatefulSet>());
        Assert.DoesNotContain(production.All<V1Service>(), service => service.Metadata.Name.StartsWith("redis", StringComparison.Ordinal));
        Assert.DoesNotContain(production.All<V1Secret>(), secret => secret.Metadata.Name.StartsWith("redis-password", StringComparison.Ordinal));
        foreach (var client in new[] { "agents", "gateway", "models" }.SelectMany(production.NamesOf))
        {
            var env = production.Single<V1Deployment>(client).Spec.Template.Spec.Containers.Single().Env;
            var connection = Assert.Single(env, variable => variable.Name == "ConnectionStrings__redis");
            Assert.Null(connection.Value);
            Assert.StartsWith("redis-connection-string-", connection.ValueFrom.SecretKeyRef.Name);
            Assert.DoesNotContain(env, variable => variable.Name.StartsWith("REDIS_", StringComparison.Ordinal) || variable.Name.StartsWith("SECRET_", StringComparison.Ordinal));
            Assert.DoesNotContain(production.Single<V1ConfigMap>($"{client}-settings").Data.Keys, key => key.StartsWith("REDIS_", StringComparison.Ordinal));
        }

        // Dev keeps its own Redis from the same base.
        Assert.Single(dev.All<V1StatefulSet>());
    }

    [Fact]
    public async Task Clients_of_the_managed_redis_may_reach_only_its_address_range()
    {
        var (production, _) = await PublishWithManagedRedisInProductionAsync();

        Assert.DoesNotContain(production.All<V1NetworkPolicy>(), policy => policy.Metadata.Name == "redis");
        Assert.DoesNotContain(PolicyEdges.Egress(production), edge => edge.To == "redis");
        var toManagedRedis = production.All<V1NetworkPolicy>()
            .Where(policy => (policy.Spec.Egress ?? []).Any(rule => rule.To.Any(peer => peer.IpBlock?.Cidr == ManagedRedisRange) && rule.Ports.Single().Port.Value == "6380"))
            .Select(policy => production.AppOf(policy.Metadata.Name))
            .Distinct()
            .Order();
        Assert.Equal(["agents", "gateway", "models"], toManagedRedis);
        Assert.Equal(
            [("agents", "models"), ("gateway", "agents"), ("gateway", "models")],
            PolicyEdges.Egress(production).Select(edge => (production.AppOf(edge.From), production.AppOf(edge.To))).Distinct().Order());
    }

    [Fact]
    public async Task The_agents_scaler_reads_the_managed_redis_from_the_generated_secret_over_tls()
    {
        var (production, _) = await PublishWithManagedRedisInProductionAsync();

        var agents = production.NamesOf("agents")[0];
        var lag = production.All<ScaledObject>().Single(scaled => scaled.Spec.ScaleTargetRef.Name == agents).Spec.Triggers
            .Single(trigger => trigger.Type == "redis-streams");
        Assert.Equal("true", lag.Metadata["enableTLS"]);
        var authentication = production.Single<TriggerAuthentication>(Assert.IsType<TriggerAuthenticationRef>(lag.AuthenticationRef).Name);
        var connection = production.Single<V1Deployment>(agents).Spec.Template.Spec.Containers.Single().Env
            .Single(variable => variable.Name == "ConnectionStrings__redis").ValueFrom.SecretKeyRef;

        // The same Secret the clients read, under its generated (hashed) name, with every key the scaler reads.
        var secret = production.Single<V1Secret>(connection.Name);
        Assert.All(authentication.Spec.SecretTargetRef, reference =>
        {
            Assert.Equal(connection.Name, reference.Name);
            Assert.Contains(reference.Key, secret.Data.Keys);
        });
        Assert.Equal(["address", "password", "value"], secret.Data.Keys.Order());
    }

    private async Task<(RenderedEnvironment Production, RenderedEnvironment Dev)> PublishWithManagedRedisInProductionAsync()
    {
        var options = KubernetesPublisherOptions.CreateDefault();
        options.Environments["production"].ExternalServices["redis"] = new ExternalService { Cidr = ManagedRedisRange };
        var files = await new KubernetesPublisher(options).BuildAsync(platform.Model, platform.ExecutionContext, CancellationToken.None);

        using var published = new TemporaryDirectory();
        using var workspace = new TemporaryDirectory();
        files.WriteTo(published.Path);
        Assert.True(File.Exists(Path.Combine(published.Path, "overlays", "production", "secrets", "redis-connection-string.env.example")));
        var copy = Kustomize.CopyWithExampleSecrets(published.Path, workspace.Path);
        return (
            new RenderedEnvironment("production", await Kustomize.RenderAsync(Path.Combine(copy, "overlays", "production"))),
            new RenderedEnvironment("dev", await Kustomize.RenderAsync(Path.Combine(copy, "overlays", "dev"))));
    }
}
