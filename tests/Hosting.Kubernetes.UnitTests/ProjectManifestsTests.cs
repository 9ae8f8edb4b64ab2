using Platform.Hosting.Kubernetes.Manifests;
using Platform.Hosting.Kubernetes.UnitTests.Support;

namespace Platform.Hosting.Kubernetes.UnitTests;

public sealed class ProjectManifestsTests
{
    [Fact]
    public void A_project_becomes_account_settings_services_deployment_and_budget()
    {
        var objects = Builders.Project(SampleGraph.Models, "dev");

        Assert.Equal(
            ["ServiceAccount", "ConfigMap", "Service", "Service", "Deployment", "PodDisruptionBudget"],
            objects.Select(item => item.Kind));
    }

    [Fact]
    public void A_headless_service_gives_each_replica_its_own_address()
    {
        var services = Builders.Project(SampleGraph.Models, "dev").OfType<V1Service>().ToList();

        Assert.Null(services.Single(service => service.Metadata.Name == "models").Spec.ClusterIP);
        Assert.Equal("None", services.Single(service => service.Metadata.Name == Graph.PerReplicaDestinations.ServiceName("models")).Spec.ClusterIP);
    }

    [Fact]
    public void A_pod_drains_a_pre_stop_sleep_then_the_host_shutdown_within_its_grace_period()
    {
        var options = Builders.Options(options =>
        {
            options.Drain.PreStopDelay = TimeSpan.FromSeconds(7);
            options.Drain.ShutdownTimeout = TimeSpan.FromSeconds(40);
            options.Drain.Margin = TimeSpan.FromSeconds(3);
        });
        var objects = Builders.Project(SampleGraph.Models, "dev", options);
        var pod = objects.OfType<V1Deployment>().Single().Spec.Template.Spec;

        Assert.Equal(7, pod.Containers[0].Lifecycle.PreStop.Sleep.Seconds);
        Assert.Equal(50, pod.TerminationGracePeriodSeconds);
        Assert.Equal("40", objects.OfType<V1ConfigMap>().Single().Data["DOTNET_shutdownTimeoutSeconds"]);
    }

    [Fact]
    public void The_deployment_runs_non_root_read_only_with_probes_on_the_health_endpoints()
    {
        var deployment = Builders.Project(SampleGraph.Models, "dev").OfType<V1Deployment>().Single();
        var pod = deployment.Spec.Template.Spec;
        var container = Assert.Single(pod.Containers);

        Assert.Null(deployment.Spec.Replicas);
        Assert.True(pod.SecurityContext.RunAsNonRoot);
        Assert.Equal(10001, pod.SecurityContext.RunAsUser);
        Assert.False(pod.AutomountServiceAccountToken);
        Assert.True(container.SecurityContext.ReadOnlyRootFilesystem);
        Assert.Equal("/health/live", container.LivenessProbe.HttpGet.Path);
        Assert.Equal("/health/ready", container.ReadinessProbe.HttpGet.Path);
        Assert.Equal("registry.example.com/platform/models:dev", container.Image);
    }

    [Fact]
    public void Plain_settings_go_to_the_config_map_and_secrets_stay_references()
    {
        var objects = Builders.Project(SampleGraph.Gateway, "dev");
        var settings = objects.OfType<V1ConfigMap>().Single().Data;
        var container = objects.OfType<V1Deployment>().Single().Spec.Template.Spec.Containers[0];

        Assert.Equal("00:01:40", settings["Limits__RouteTimeout"]);
        Assert.Equal("http://otel-collector:4317", settings["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Equal("gateway", settings["OTEL_SERVICE_NAME"]);
        Assert.DoesNotContain("ConnectionStrings__redis", settings.Keys);
        var helper = Assert.Single(container.Env, variable => variable.ValueFrom?.SecretKeyRef is not null);
        Assert.Equal("redis-password", helper.ValueFrom.SecretKeyRef.Name);
        Assert.Equal($"redis:6379,password=$({helper.Name})", container.Env.Single(variable => variable.Name == "ConnectionStrings__redis").Value);
        Assert.Equal("deployment.environment.name=$(DEPLOYMENT_ENVIRONMENT)", container.Env.Single(variable => variable.Name == "OTEL_RESOURCE_ATTRIBUTES").Value);
    }

    [Fact]
    public void A_settings_change_changes_the_pod_template_digest()
    {
        var changed = SampleGraph.Gateway with { Environment = [new Graph.EnvVar("Limits__RouteTimeout", [new Graph.Literal("00:02:00")])] };

        string Digest(Graph.Workload workload) => Builders.Project(workload, "dev").OfType<V1Deployment>().Single()
            .Spec.Template.Metadata.Annotations[ProjectManifests.SettingsDigestAnnotation];

        Assert.NotEqual(Digest(SampleGraph.Gateway), Digest(changed));
    }

    [Theory]
    [InlineData("dev", 1, 2, 0)]
    [InlineData("staging", 2, 4, 1)]
    [InlineData("production", 3, 10, 2)]
    public void The_autoscaler_spans_the_environment_and_the_budget_keeps_one_below_its_floor(string environment, int min, int max, int minAvailable)
    {
        var autoscaler = Builders.Autoscaling(SampleGraph.Graph, environment).OfType<V2HorizontalPodAutoscaler>().Single(item => item.Metadata.Name == "models");
        var budget = Builders.Project(SampleGraph.Models, environment).OfType<V1PodDisruptionBudget>().Single();

        Assert.Equal(min, autoscaler.Spec.MinReplicas);
        Assert.Equal(max, autoscaler.Spec.MaxReplicas);
        Assert.Equal(minAvailable.ToString(System.Globalization.CultureInfo.InvariantCulture), budget.Spec.MinAvailable.Value);
    }

    [Fact]
    public void Only_production_spreads_pods_across_zones_and_there_as_a_hard_rule()
    {
        V1Deployment Deployment(string environment) => Builders.Project(SampleGraph.Models, environment).OfType<V1Deployment>().Single();

        Assert.Null(Deployment("dev").Spec.Template.Spec.TopologySpreadConstraints);
        var zone = Assert.Single(Deployment("production").Spec.Template.Spec.TopologySpreadConstraints,
            constraint => constraint.TopologyKey == "topology.kubernetes.io/zone");
        Assert.Equal("DoNotSchedule", zone.WhenUnsatisfiable);
        Assert.Equal(["pod-template-hash"], zone.MatchLabelKeys);
    }

    [Fact]
    public void Service_monitors_are_added_only_when_switched_on()
    {
        var options = Builders.Options(options => options.ServiceMonitors = true);

        Assert.DoesNotContain(Builders.Project(SampleGraph.Models, "dev"), item => item.Kind == "ServiceMonitor");
        Assert.Contains(Builders.Project(SampleGraph.Models, "dev", options), item => item.Kind == "ServiceMonitor");
    }
}
