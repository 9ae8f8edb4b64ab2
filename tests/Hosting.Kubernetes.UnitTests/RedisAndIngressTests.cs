using Platform.Hosting.Kubernetes.Graph;
using Platform.Hosting.Kubernetes.UnitTests.Support;

namespace Platform.Hosting.Kubernetes.UnitTests;

public sealed class RedisAndIngressTests
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

    [Fact]
    public void The_ingress_exposes_only_the_public_api_on_the_environment_host_with_tls()
    {
        var ingress = Builders.Ingress(SampleGraph.Gateway, "staging");
        var rule = Assert.Single(ingress.Spec.Rules);
        var path = Assert.Single(rule.Http.Paths);

        Assert.Equal("platform.staging.example.com", rule.Host);
        Assert.Equal("/v1", path.Path);
        Assert.Equal("gateway", path.Backend.Service.Name);
        Assert.Equal("platform-staging-tls", Assert.Single(ingress.Spec.Tls).SecretName);
        Assert.Equal("nginx", ingress.Spec.IngressClassName);
    }
}
