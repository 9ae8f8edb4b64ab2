using System.Text.RegularExpressions;
using Platform.Deploy.Tests.Support;

namespace Platform.Deploy.Tests;

/// <summary>
/// The monitoring stack keeps its data across restarts, has no default login, survives a node drain where the tool
/// can run more than once, runs pinned current images, and Prometheus may reach only its scrape targets.
/// </summary>
[Collection(PublishedPlatformCollection.Name)]
public sealed partial class MonitoringStateTests(PublishedPlatform platform)
{
    public static TheoryData<string> Environments => [.. PublishedPlatform.Environments];

    [Theory]
    [MemberData(nameof(Environments))]
    public void Prometheus_and_loki_keep_their_data_on_persistent_volumes_with_retention(string environment)
    {
        var monitoring = platform.Rendered[environment].Monitoring;
        var claims = monitoring.OfType<V1PersistentVolumeClaim>().Select(claim => claim.Metadata.Name).ToHashSet();

        foreach (var name in new[] { "prometheus", "loki" })
        {
            var pod = monitoring.OfType<V1Deployment>().Single(deployment => deployment.Metadata.Name == name).Spec.Template.Spec;
            var data = pod.Volumes.Single(volume => volume.Name == "data");
            Assert.Null(data.EmptyDir);
            Assert.Contains(data.PersistentVolumeClaim.ClaimName, claims);
        }

        var args = monitoring.OfType<V1Deployment>().Single(deployment => deployment.Metadata.Name == "prometheus").Spec.Template.Spec.Containers.Single().Args;
        Assert.Contains(args, arg => arg.StartsWith("--storage.tsdb.retention.time=", StringComparison.Ordinal));
        Assert.Contains(args, arg => arg.StartsWith("--storage.tsdb.retention.size=", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Grafana_takes_its_admin_login_from_a_generated_secret(string environment)
    {
        var monitoring = platform.Rendered[environment].Monitoring;
        var grafana = monitoring.OfType<V1Deployment>().Single(deployment => deployment.Metadata.Name == "grafana").Spec.Template.Spec.Containers.Single();
        var secrets = platform.Rendered[environment].Everything.OfType<V1Secret>().Select(secret => secret.Metadata.Name).ToHashSet();

        foreach (var variable in new[] { "GF_SECURITY_ADMIN_USER", "GF_SECURITY_ADMIN_PASSWORD" })
        {
            var reference = grafana.Env.Single(env => env.Name == variable).ValueFrom.SecretKeyRef;
            Assert.Contains(reference.Name, secrets);
        }
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void The_collector_runs_twice_with_a_disruption_budget(string environment)
    {
        var monitoring = platform.Rendered[environment].Monitoring;
        var collector = monitoring.OfType<V1Deployment>().Single(deployment => deployment.Metadata.Name == "otel-collector");
        var budget = Assert.Single(monitoring.OfType<V1PodDisruptionBudget>(), pdb => RenderedEnvironment.Matches(pdb.Spec.Selector, collector.Spec.Template.Metadata.Labels));

        Assert.True(collector.Spec.Replicas >= 2);
        Assert.True(int.Parse(budget.Spec.MinAvailable.Value) < collector.Spec.Replicas);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Monitoring_images_are_pinned_by_exact_version_and_not_older_than_2025_releases(string environment)
    {
        // Oldest acceptable release line of each image: the first release of 2025 or later.
        var floors = new Dictionary<string, Version>
        {
            ["prom/prometheus"] = new(3, 1),
            ["grafana/grafana"] = new(11, 5),
            ["grafana/loki"] = new(3, 4),
            ["otel/opentelemetry-collector-contrib"] = new(0, 117),
            ["jaegertracing/all-in-one"] = new(1, 65),
        };

        Assert.All(platform.Rendered[environment].Monitoring.OfType<V1Deployment>().SelectMany(deployment => deployment.Spec.Template.Spec.Containers), container =>
        {
            var match = ExactVersion().Match(container.Image);
            Assert.True(match.Success, $"{container.Image} is not pinned by an exact version tag");
            Assert.True(Version.Parse(match.Groups["version"].Value) >= floors[match.Groups["image"].Value], $"{container.Image} is older than its 2025 release line");
        });
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Prometheus_reaches_only_its_scrape_targets(string environment)
    {
        var monitoring = platform.Rendered[environment].Monitoring;
        var policy = monitoring.OfType<V1NetworkPolicy>().Single(policy => policy.Metadata.Name == "prometheus");
        var prometheus = monitoring.OfType<V1Deployment>().Single(deployment => deployment.Metadata.Name == "prometheus").Spec.Template.Spec;

        Assert.All(policy.Spec.Egress, rule =>
        {
            Assert.NotEmpty(rule.To ?? []);
            Assert.All(rule.To!, peer => Assert.Null(peer.IpBlock));
        });
        Assert.False(prometheus.AutomountServiceAccountToken);
    }

    [GeneratedRegex(@"^(?<image>[a-z0-9./-]+):v?(?<version>\d+\.\d+\.\d+)$")]
    private static partial Regex ExactVersion();
}
