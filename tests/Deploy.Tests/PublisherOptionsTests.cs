using System.ComponentModel.DataAnnotations;
using Platform.Hosting.Kubernetes;
using Platform.Deploy.Tests.Support;

namespace Platform.Deploy.Tests;

public sealed class PublisherOptionsTests
{
    [Fact]
    public void A_latest_tag_outside_dev_stops_the_publish()
    {
        var options = KubernetesPublisherOptions.CreateDefault();
        options.Environments["staging"].ImageTag = "latest";

        var error = Assert.Throws<ValidationException>(options.Validate);
        Assert.Contains("staging", error.Message);
    }

    [Fact]
    public void Dev_may_float_on_latest()
    {
        var options = KubernetesPublisherOptions.CreateDefault();
        options.Environments["dev"].ImageTag = "latest";

        var failure = Record.Exception(options.Validate);

        Assert.Null(failure);
    }

    [Fact]
    public void An_autoscaler_maximum_below_its_minimum_stops_the_publish()
    {
        var options = KubernetesPublisherOptions.CreateDefault();
        options.Environments["production"].MaxReplicas = 2;

        Assert.Throws<ValidationException>(options.Validate);
    }

    [Fact]
    public void A_relative_output_path_is_taken_from_the_repository_root()
    {
        var appHost = Path.Combine(Repository.Root, "AppHost");

        Assert.Equal(
            Path.Combine(Repository.Root, "deploy", "kubernetes"),
            PublishOutputDirectory.Resolve("deploy/kubernetes", Path.Combine(appHost, "deploy", "kubernetes"), appHost));
        Assert.Equal("/elsewhere/out", PublishOutputDirectory.Resolve("/elsewhere/out", "/elsewhere/out", appHost));
    }
}
