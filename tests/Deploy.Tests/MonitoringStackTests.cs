using Platform.Deploy.Tests.Support;

namespace Platform.Deploy.Tests;

/// <summary>
/// The monitoring stack every overlay includes runs in the same restricted namespace, so it keeps the same
/// pod security, resource and probe rules, and its NetworkPolicies open only its own edges.
/// </summary>
[Collection(PublishedPlatformCollection.Name)]
public sealed class MonitoringStackTests(PublishedPlatform platform)
{
    public static TheoryData<string> Environments => [.. PublishedPlatform.Environments];

    private static readonly string[] Components = ["grafana", "jaeger", "loki", "otel-collector", "prometheus"];

    [Theory]
    [MemberData(nameof(Environments))]
    public void Every_overlay_includes_the_collector_prometheus_grafana_jaeger_and_loki(string environment)
    {
        var deployments = platform.Rendered[environment].Monitoring.OfType<V1Deployment>().Select(deployment => deployment.Metadata.Name).Order();

        Assert.Equal(Components, deployments);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Monitoring_pods_meet_the_restricted_profile_with_limits_and_probes(string environment)
    {
        Assert.All(platform.Rendered[environment].Monitoring.OfType<V1Deployment>(), deployment =>
        {
            var pod = deployment.Spec.Template.Spec;
            Assert.True(pod.SecurityContext.RunAsNonRoot, $"{deployment.Metadata.Name} runAsNonRoot");
            Assert.True(pod.SecurityContext.RunAsUser > 0, $"{deployment.Metadata.Name} runAsUser");
            Assert.Equal("RuntimeDefault", pod.SecurityContext.SeccompProfile.Type);
            Assert.All(pod.Containers, container =>
            {
                Assert.False(container.SecurityContext.AllowPrivilegeEscalation);
                Assert.True(container.SecurityContext.ReadOnlyRootFilesystem);
                Assert.Equal(["ALL"], container.SecurityContext.Capabilities.Drop);
                Assert.DoesNotContain(":latest", container.Image, StringComparison.Ordinal);
                Assert.Contains(':', container.Image);
                Assert.All(new[] { "cpu", "memory" }, resource =>
                {
                    Assert.True(container.Resources.Requests.ContainsKey(resource), $"{container.Name} requests {resource}");
                    Assert.True(container.Resources.Limits.ContainsKey(resource), $"{container.Name} limits {resource}");
                });
                var ports = container.Ports.Select(port => port.Name).ToHashSet();
                Assert.Contains(container.ReadinessProbe.HttpGet.Port.Value, ports);
                Assert.Contains(container.LivenessProbe.HttpGet.Port.Value, ports);
                Assert.Contains(container.VolumeMounts, mount => mount.MountPath == "/tmp");
            });
        });
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Monitoring_network_policies_select_monitoring_pods(string environment)
    {
        var monitoring = platform.Rendered[environment].Monitoring;
        var templates = monitoring.OfType<V1Deployment>().Select(deployment => deployment.Spec.Template.Metadata.Labels).ToList();
        var policies = monitoring.OfType<V1NetworkPolicy>().ToList();

        Assert.Equal(Components.Length, policies.Count);
        Assert.All(policies, policy => Assert.Contains(templates, labels => RenderedEnvironment.Matches(policy.Spec.PodSelector, labels)));
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Prometheus_gets_the_rule_files_and_grafana_the_dashboards(string environment)
    {
        var maps = platform.Rendered[environment].Monitoring.OfType<V1ConfigMap>().ToList();

        Assert.Contains(maps, map => map.Metadata.Name.StartsWith("prometheus-rules", StringComparison.Ordinal) && map.Data.Keys.Order().SequenceEqual(["agents.yaml", "gateway.yaml", "models.yaml", "platform.yaml"]));
        Assert.Contains(maps, map => map.Metadata.Name.StartsWith("grafana-dashboards", StringComparison.Ordinal) && map.Data.Count == 3);
    }
}
