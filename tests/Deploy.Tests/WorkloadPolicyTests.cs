using Platform.Deploy.Tests.Support;

namespace Platform.Deploy.Tests;

/// <summary>kube-linter and kube-score default checks that apply to our objects (listed in docs/deploy.md).</summary>
[Collection(PublishedPlatformCollection.Name)]
public sealed class WorkloadPolicyTests(PublishedPlatform platform)
{
    public static TheoryData<string> Environments => [.. PublishedPlatform.Environments];

    [Theory]
    [MemberData(nameof(Environments))]
    public void Every_container_has_startup_readiness_and_liveness_probes_on_its_own_ports(string environment)
    {
        Assert.All(platform.Rendered[environment].Workloads.SelectMany(workload => workload.Pod.Containers), container =>
        {
            foreach (var probe in new[] { container.StartupProbe, container.ReadinessProbe, container.LivenessProbe })
            {
                Assert.NotNull(probe);
                var port = probe.HttpGet?.Port ?? probe.TcpSocket?.Port;
                if (probe.Exec is null)
                {
                    Assert.Contains(container.Ports, containerPort => containerPort.Name == port!.Value || containerPort.ContainerPort.ToString() == port!.Value);
                }
            }

            // Restarting a pod because a dependency is down makes an outage worse: liveness and readiness differ.
            Assert.NotEqual(KubernetesYaml.Serialize(container.LivenessProbe), KubernetesYaml.Serialize(container.ReadinessProbe));
        });
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Projects_probe_the_health_endpoints(string environment)
    {
        Assert.All(platform.Rendered[environment].All<V1Deployment>(), deployment =>
        {
            var container = Assert.Single(deployment.Spec.Template.Spec.Containers);
            Assert.Equal("/health/ready", container.ReadinessProbe.HttpGet.Path);
            Assert.Equal("/health/live", container.LivenessProbe.HttpGet.Path);
            Assert.Equal("/health/live", container.StartupProbe.HttpGet.Path);
        });
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Every_container_sets_cpu_memory_and_ephemeral_storage_requests_and_limits(string environment)
    {
        Assert.All(platform.Rendered[environment].Workloads.SelectMany(workload => workload.Pod.Containers), container =>
        {
            foreach (var resource in new[] { "cpu", "memory", "ephemeral-storage" })
            {
                var request = container.Resources.Requests[resource].ToDecimal();
                var limit = container.Resources.Limits[resource].ToDecimal();
                Assert.True(request > 0 && request <= limit, $"{container.Name} {resource}: request {request}, limit {limit}");
            }
        });
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Images_are_pinned_and_latest_only_in_dev(string environment)
    {
        Assert.All(platform.Rendered[environment].Workloads.SelectMany(workload => workload.Pod.Containers), container =>
        {
            var tag = container.Image.Contains('@') ? "digest" : container.Image[(container.Image.LastIndexOf(':') + 1)..];
            Assert.True(container.Image.LastIndexOf(':') > container.Image.LastIndexOf('/'), $"{container.Image} has no tag");
            if (environment != "dev")
            {
                Assert.NotEqual("latest", tag);
                Assert.NotEqual("dev", tag);
            }

            Assert.Equal("Always", container.ImagePullPolicy);
        });
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Every_service_selects_pods_on_ports_they_declare(string environment)
    {
        var rendered = platform.Rendered[environment];

        Assert.All(rendered.All<V1Service>(), service =>
        {
            // One workload, or the colours of one resource (the scrape targets of a blue-green environment).
            var workloads = rendered.Selected(new V1LabelSelector { MatchLabels = service.Spec.Selector }).ToList();
            Assert.Single(workloads.Select(workload => rendered.AppOf(workload.Name)).Distinct());
            Assert.All(workloads, workload =>
            {
                var ports = workload.Pod.Containers.SelectMany(container => container.Ports).ToList();
                Assert.All(service.Spec.Ports, port => Assert.Contains(ports, containerPort => containerPort.Name == port.TargetPort.Value));
            });
        });
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Autoscalers_target_existing_deployments_and_rolling_updates_never_drop_below_capacity(string environment)
    {
        var rendered = platform.Rendered[environment];

        // Exactly one autoscaler per Deployment: a HorizontalPodAutoscaler, or a KEDA ScaledObject (which owns one).
        var targets = rendered.All<V2HorizontalPodAutoscaler>().Select(hpa => (hpa.Spec.ScaleTargetRef.Kind, hpa.Spec.ScaleTargetRef.Name, hpa.Spec.MinReplicas ?? 1, hpa.Spec.MaxReplicas))
            .Concat(rendered.All<Platform.Hosting.Kubernetes.Manifests.Autoscaling.ScaledObject>()
                .Select(scaled => (scaled.Spec.ScaleTargetRef.Kind, scaled.Spec.ScaleTargetRef.Name, scaled.Spec.MinReplicaCount, scaled.Spec.MaxReplicaCount)))
            .ToList();
        Assert.Equal(rendered.All<V1Deployment>().Select(deployment => deployment.Metadata.Name).Order(), targets.Select(target => target.Name).Order());
        Assert.All(targets, target =>
        {
            var deployment = rendered.Single<V1Deployment>(target.Name);
            Assert.Equal("Deployment", target.Kind);
            Assert.Null(deployment.Spec.Replicas);
            Assert.InRange(target.Item3, 1, target.Item4);
        });
        Assert.All(rendered.All<V1Deployment>(), deployment =>
        {
            Assert.Equal("RollingUpdate", deployment.Spec.Strategy.Type);
            Assert.Equal("0", deployment.Spec.Strategy.RollingUpdate.MaxUnavailable.Value);
        });
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Every_workload_has_a_disruption_budget_below_its_replica_floor(string environment)
    {
        var rendered = platform.Rendered[environment];

        Assert.All(rendered.Workloads, workload =>
        {
            var budget = Assert.Single(rendered.All<V1PodDisruptionBudget>(), pdb => RenderedEnvironment.Matches(pdb.Spec.Selector, workload.Template.Metadata.Labels));
            Assert.True(int.Parse(budget.Spec.MinAvailable.Value) < workload.ReplicaFloor,
                $"{workload}: minAvailable {budget.Spec.MinAvailable.Value}, replicas {workload.ReplicaFloor}");
        });
    }

    [Fact]
    public void Environments_differ_in_scale_size_and_spread()
    {
        int Floor(string environment) => platform.Rendered[environment].Workloads.Where(workload => workload.Kind == "Deployment").Min(workload => workload.ReplicaFloor);
        string MemoryLimit(string environment) => platform.Rendered[environment].Single<V1Deployment>(platform.Rendered[environment].NamesOf("models")[0]).Spec.Template.Spec.Containers[0].Resources.Limits["memory"].ToString();

        Assert.True(Floor("dev") < Floor("staging") && Floor("staging") < Floor("production"));
        Assert.NotEqual(MemoryLimit("dev"), MemoryLimit("production"));
        Assert.All(platform.Rendered["production"].All<V1Deployment>(), deployment => Assert.Equal(
            ["kubernetes.io/hostname", "topology.kubernetes.io/zone"],
            deployment.Spec.Template.Spec.TopologySpreadConstraints.Select(constraint => constraint.TopologyKey).Order()));
        Assert.All(platform.Rendered["dev"].All<V1Deployment>(), deployment => Assert.Null(deployment.Spec.Template.Spec.TopologySpreadConstraints));
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Projects_export_telemetry_to_the_collector_and_are_scraped(string environment)
    {
        var rendered = platform.Rendered[environment];

        Assert.All(rendered.All<V1Deployment>(), deployment =>
        {
            var settings = rendered.All<V1ConfigMap>().Single(map => deployment.Spec.Template.Spec.Containers[0].EnvFrom.Any(from => from.ConfigMapRef?.Name == map.Metadata.Name));
            Assert.Equal("http://otel-collector:4317", settings.Data["OTEL_EXPORTER_OTLP_ENDPOINT"]);
            Assert.Equal("prometheus", settings.Data["OTEL_METRICS_EXPORTER"]);
            // Both colours report under the resource's name, so traces and dashboards do not split at a switch.
            Assert.Equal(rendered.AppOf(deployment.Metadata.Name), settings.Data["OTEL_SERVICE_NAME"]);
            Assert.Equal("true", deployment.Spec.Template.Metadata.Annotations["prometheus.io/scrape"]);
            Assert.Equal("/metrics", deployment.Spec.Template.Metadata.Annotations["prometheus.io/path"]);
        });
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Selectors_match_their_pod_templates_and_replicas_prefer_different_nodes(string environment)
    {
        var rendered = platform.Rendered[environment];

        Assert.All(rendered.All<V1Deployment>(), deployment =>
        {
            Assert.True(RenderedEnvironment.Matches(deployment.Spec.Selector, deployment.Spec.Template.Metadata.Labels));
            var term = Assert.Single(deployment.Spec.Template.Spec.Affinity.PodAntiAffinity.PreferredDuringSchedulingIgnoredDuringExecution).PodAffinityTerm;
            Assert.Equal("kubernetes.io/hostname", term.TopologyKey);
            Assert.True(RenderedEnvironment.Matches(term.LabelSelector, deployment.Spec.Template.Metadata.Labels));
        });
        Assert.All(rendered.All<V1StatefulSet>(), statefulSet =>
            Assert.True(RenderedEnvironment.Matches(statefulSet.Spec.Selector, statefulSet.Spec.Template.Metadata.Labels)));
    }
}
