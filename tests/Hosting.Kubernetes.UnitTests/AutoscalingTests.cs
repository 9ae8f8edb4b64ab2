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
}
