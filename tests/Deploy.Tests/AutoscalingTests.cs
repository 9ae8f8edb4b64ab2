using Platform.Deploy.Tests.Support;
using Platform.Hosting.Kubernetes.Manifests.Autoscaling;

namespace Platform.Deploy.Tests;

/// <summary>
/// Autoscalers scale on CPU and on the work waiting, with memory only as a guard (.NET keeps the memory it grew to),
/// scale down slowly, and every workload has a VerticalPodAutoscaler that recommends and never evicts.
/// </summary>
[Collection(PublishedPlatformCollection.Name)]
public sealed class AutoscalingTests(PublishedPlatform platform)
{
    public static TheoryData<string> Environments => [.. PublishedPlatform.Environments];

    [Theory]
    [MemberData(nameof(Environments))]
    public void No_autoscaler_scales_on_memory_alone(string environment)
    {
        var rendered = platform.Rendered[environment];

        Assert.All(rendered.All<V2HorizontalPodAutoscaler>(), hpa =>
        {
            var cpu = Assert.Single(hpa.Spec.Metrics, metric => metric.Resource?.Name == "cpu");
            Assert.All(hpa.Spec.Metrics.Where(metric => metric.Resource?.Name == "memory"), memory =>
                Assert.True(memory.Resource.Target.AverageUtilization > cpu.Resource.Target.AverageUtilization, "memory is a guard above the CPU target"));
        });
        Assert.All(rendered.All<ScaledObject>(), scaled =>
        {
            Assert.Contains(scaled.Spec.Triggers, trigger => trigger.Type == "cpu");
            Assert.Contains(scaled.Spec.Triggers, trigger => trigger.Type is not ("cpu" or "memory"));
        });
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Workloads_with_a_queue_scale_on_its_backlog_with_keda(string environment)
    {
        var rendered = platform.Rendered[environment];

        // Every colour of a blue-green environment scales on the same shared queue.
        foreach (var (agentsName, modelsName) in rendered.NamesOf("agents").Zip(rendered.NamesOf("models")))
        {
            var agents = rendered.All<ScaledObject>().Single(scaled => scaled.Spec.ScaleTargetRef.Name == agentsName);
            var lag = Assert.Single(agents.Spec.Triggers, trigger => trigger.Type == "redis-streams");
            var runs = ServiceAppSettings.Of("AgentService")["Runs"]!;
            Assert.Equal(runs["QueueStream"]!.GetValue<string>(), lag.Metadata["stream"]);
            Assert.Equal(runs["QueueGroup"]!.GetValue<string>(), lag.Metadata["consumerGroup"]);
            Assert.True(lag.Metadata.ContainsKey("lagCount"), "lag counts undelivered runs; pendingEntriesCount would count runs being worked on");
            var agentsContainer = rendered.Single<V1Deployment>(agentsName).Spec.Template.Spec.Containers.Single();
            Assert.Contains(agentsContainer.Env, variable => variable.Name == lag.Metadata["passwordFromEnv"]);

            var models = rendered.All<ScaledObject>().Single(scaled => scaled.Spec.ScaleTargetRef.Name == modelsName);
            var depth = Assert.Single(models.Spec.Triggers, trigger => trigger.Type == "prometheus");
            Assert.Contains("platform_models_queue_depth", depth.Metadata["query"]);
        }

        Assert.DoesNotContain(rendered.All<V2HorizontalPodAutoscaler>(), hpa => rendered.AppOf(hpa.Spec.ScaleTargetRef.Name) is "agents" or "models");
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Scale_down_waits_and_goes_one_step_at_a_time(string environment)
    {
        var rendered = platform.Rendered[environment];
        var behaviors = rendered.All<V2HorizontalPodAutoscaler>().Select(hpa => hpa.Spec.Behavior)
            .Concat(rendered.All<ScaledObject>().Select(scaled => scaled.Spec.Advanced?.HorizontalPodAutoscalerConfig.Behavior))
            .ToList();

        Assert.NotEmpty(behaviors);
        Assert.All(behaviors, behavior =>
        {
            Assert.NotNull(behavior);
            Assert.True(behavior.ScaleDown.StabilizationWindowSeconds >= 60);
            Assert.All(behavior.ScaleDown.Policies, policy => Assert.True(policy.Type == "Pods" && policy.Value <= 2));
        });
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Every_workload_has_a_vertical_autoscaler_in_recommendation_mode(string environment)
    {
        var rendered = platform.Rendered[environment];
        var vpas = rendered.All<VerticalPodAutoscaler>().ToList();

        Assert.All(rendered.Workloads, workload =>
        {
            var vpa = Assert.Single(vpas, vpa => vpa.Spec.TargetRef.Name == workload.Name && vpa.Spec.TargetRef.Kind == workload.Kind);
            Assert.Equal("Off", vpa.Spec.UpdatePolicy.UpdateMode);
        });
    }

    [Fact]
    public void Autoscaling_bounds_grow_from_dev_to_production()
    {
        int Max(string environment) => platform.Rendered[environment].All<ScaledObject>().Max(scaled => scaled.Spec.MaxReplicaCount);

        Assert.True(Max("dev") < Max("staging") && Max("staging") < Max("production"));
    }
}
