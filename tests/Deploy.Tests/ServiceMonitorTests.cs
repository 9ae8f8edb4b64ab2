using Platform.Hosting.Kubernetes;
using Platform.Hosting.Kubernetes.Manifests;
using Platform.Deploy.Tests.Support;

namespace Platform.Deploy.Tests;

[Collection(PublishedPlatformCollection.Name)]
public sealed class ServiceMonitorTests(PublishedPlatform platform)
{
    [Fact]
    public void Service_monitors_are_off_by_default()
    {
        Assert.DoesNotContain(platform.Fresh.Files.Values, content => content.Contains("kind: ServiceMonitor", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_the_option_every_project_gets_a_service_monitor_on_its_metrics_port()
    {
        var options = KubernetesPublisherOptions.CreateDefault();
        options.ServiceMonitors = true;
        var files = await new KubernetesPublisher(options).BuildAsync(platform.Model, platform.ExecutionContext, CancellationToken.None);

        using var published = new TemporaryDirectory();
        using var workspace = new TemporaryDirectory();
        files.WriteTo(published.Path);
        var copy = Kustomize.CopyWithExampleSecrets(published.Path, workspace.Path);
        var rendered = new RenderedEnvironment("staging", await Kustomize.RenderAsync(Path.Combine(copy, "overlays", "staging")));

        var monitors = rendered.All<ServiceMonitor>().ToList();
        Assert.Equal(["agents", "gateway", "models"], monitors.Select(monitor => monitor.Metadata.Name).Order());
        Assert.All(monitors, monitor =>
        {
            var service = Assert.Single(rendered.All<V1Service>(), service => RenderedEnvironment.Matches(monitor.Spec.Selector, service.Metadata.Labels));
            var endpoint = Assert.Single(monitor.Spec.Endpoints);
            Assert.Contains(service.Spec.Ports, port => port.Name == endpoint.Port);
            Assert.Equal("/metrics", endpoint.Path);
        });
    }
}
