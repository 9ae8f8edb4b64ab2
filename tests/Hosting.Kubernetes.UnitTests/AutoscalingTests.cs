using Platform.Hosting.Kubernetes.Graph;
using Platform.Hosting.Kubernetes.Manifests.Autoscaling;
using Platform.Hosting.Kubernetes.UnitTests.Support;

namespace Platform.Hosting.Kubernetes.UnitTests;

public sealed class AutoscalingTests
{
    [Fact]
    public void A_project_without_a_queue_scales_on_cpu_with_memory_as_a_guard_and_steps_down_slowly()
    {
        var options = Builders.Options(options => options.Autoscaling.CpuUtilization = 60);
        var autoscaler = Builders.Autoscaling(SampleGraph.WithServiceSettings, "dev", options).OfType<V2HorizontalPodAutoscaler>().Single();

        Assert.Equal("gateway", autoscaler.Metadata.Name);
        Assert.Equal([("cpu", 60), ("memory", 90)], autoscaler.Spec.Metrics.Select(metric => (metric.Resource.Name, metric.Resource.Target.AverageUtilization!.Value)));
        Assert.Equal(300, autoscaler.Spec.Behavior.ScaleDown.StabilizationWindowSeconds);
        Assert.Equal(1, Assert.Single(autoscaler.Spec.Behavior.ScaleDown.Policies).Value);
    }

    [Fact]
    public void A_project_with_a_queue_gets_a_keda_scaled_object_on_its_backlog_within_the_environment_bounds()
    {
        var scaled = Builders.Autoscaling(SampleGraph.WithServiceSettings, "staging").OfType<ScaledObject>().Single();
        var backlog = scaled.Spec.Triggers.Single(trigger => trigger.Type == "prometheus");

        Assert.Equal("models", scaled.Metadata.Name);
        Assert.Equal((2, 4), (scaled.Spec.MinReplicaCount, scaled.Spec.MaxReplicaCount));
        Assert.Equal(["cpu", "memory", "prometheus"], scaled.Spec.Triggers.Select(trigger => trigger.Type));
        Assert.Equal("sum(platform_models_queue_depth)", backlog.Metadata["query"]);
        Assert.Equal("8", backlog.Metadata["threshold"]);
        Assert.Equal("http://prometheus:9090", backlog.Metadata["serverAddress"]);
    }

    [Fact]
    public void Every_workload_gets_a_vertical_autoscaler_that_only_recommends()
    {
        var vpas = Builders.Autoscaling(SampleGraph.WithServiceSettings, "dev").OfType<VerticalPodAutoscaler>().ToList();

        Assert.Equal(["gateway", "models", "redis"], vpas.Select(vpa => vpa.Metadata.Name));
        Assert.All(vpas, vpa => Assert.Equal("Off", vpa.Spec.UpdatePolicy.UpdateMode));
        Assert.Equal("StatefulSet", vpas.Single(vpa => vpa.Metadata.Name == "redis").Spec.TargetRef.Kind);
    }

    [Fact]
    public void A_queue_on_a_managed_redis_is_read_over_tls_with_the_address_and_password_of_its_connection_secret()
    {
        var options = Builders.Options(options => options.Environments["production"].ExternalServices["redis"] = new ExternalService { Cidr = "10.20.0.0/24" });
        var autoscalers = Builders.Autoscaling(StreamScaled(), "production", options);

        var lag = autoscalers.OfType<ScaledObject>().Single().Spec.Triggers.Single(trigger => trigger.Type == "redis-streams");
        var authentication = autoscalers.OfType<TriggerAuthentication>().Single();
        Assert.Equal("true", lag.Metadata["enableTLS"]);
        Assert.Equal(authentication.Metadata.Name, lag.AuthenticationRef?.Name);
        Assert.Equal(
            [("address", "redis-connection-string", "address"), ("password", "redis-connection-string", "password")],
            authentication.Spec.SecretTargetRef.Select(reference => (reference.Parameter, reference.Name, reference.Key)));
        Assert.Equal(
            [new SecretValue("redis-connection-string", "address"), new SecretValue("redis-connection-string", "password")],
            AutoscalingManifests.SecretsRead(autoscalers));
    }

    [Fact]
    public void A_managed_redis_without_tls_is_read_without_it()
    {
        var options = Builders.Options(options => options.Environments["production"].ExternalServices["redis"] = new ExternalService { Cidr = "10.20.0.0/24", Tls = false });

        var lag = Builders.Autoscaling(StreamScaled(), "production", options).OfType<ScaledObject>().Single().Spec.Triggers.Single(trigger => trigger.Type == "redis-streams");

        Assert.DoesNotContain("enableTLS", lag.Metadata.Keys);
    }

    [Fact]
    public void A_queue_on_the_in_cluster_redis_reads_it_from_the_container_environment_with_no_secret_of_its_own()
    {
        var autoscalers = Builders.Autoscaling(StreamScaled(), "production");

        var lag = autoscalers.OfType<ScaledObject>().Single().Spec.Triggers.Single(trigger => trigger.Type == "redis-streams");
        Assert.Equal("REDIS_PASSWORD", lag.Metadata["passwordFromEnv"]);
        Assert.Null(lag.AuthenticationRef);
        Assert.Empty(autoscalers.OfType<TriggerAuthentication>());
        Assert.Empty(AutoscalingManifests.SecretsRead(autoscalers));
    }

    /// <summary>The sample graph with the models service scaled on a Redis stream's lag instead of a metric.</summary>
    private static AppGraph StreamScaled() => SampleGraph.WithStreamBacklog;
}
