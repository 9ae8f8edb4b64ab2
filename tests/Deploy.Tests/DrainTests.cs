using System.Globalization;
using Platform.Deploy.Tests.Support;

namespace Platform.Deploy.Tests;

/// <summary>
/// A pod leaves without cutting requests: it sleeps in preStop (the images have no shell) while endpoints stop
/// sending to it, then shuts down within a grace period that covers both.
/// </summary>
[Collection(PublishedPlatformCollection.Name)]
public sealed class DrainTests(PublishedPlatform platform)
{
    public static TheoryData<string> Environments => [.. PublishedPlatform.Environments];

    [Theory]
    [MemberData(nameof(Environments))]
    public void Projects_sleep_before_stopping_and_the_grace_period_covers_the_drain(string environment)
    {
        var rendered = platform.Rendered[environment];

        Assert.All(rendered.All<V1Deployment>(), deployment =>
        {
            var pod = deployment.Spec.Template.Spec;
            var container = Assert.Single(pod.Containers);
            var sleep = container.Lifecycle?.PreStop?.Sleep;
            Assert.NotNull(sleep);
            Assert.InRange(sleep.Seconds, 3, 60);
            Assert.Null(container.Lifecycle!.PreStop.Exec);

            var settings = rendered.Single<V1ConfigMap>(container.EnvFrom.Single().ConfigMapRef.Name).Data;
            var shutdown = long.Parse(settings["DOTNET_shutdownTimeoutSeconds"], CultureInfo.InvariantCulture);
            Assert.True(pod.TerminationGracePeriodSeconds > sleep.Seconds + shutdown,
                $"{deployment.Metadata.Name}: grace {pod.TerminationGracePeriodSeconds} s <= preStop {sleep.Seconds} s + shutdown {shutdown} s");
        });
    }

    [Fact]
    public void The_shutdown_lets_a_request_of_the_default_route_timeout_finish()
    {
        var production = platform.Rendered["production"];
        var gateway = production.Single<V1ConfigMap>($"{production.NamesOf("gateway")[0]}-settings").Data;
        var defaultTimeout = ServiceAppSettings.GatewayRoutes().Min(route => route.Timeout);

        Assert.True(long.Parse(gateway["DOTNET_shutdownTimeoutSeconds"], CultureInfo.InvariantCulture) >= defaultTimeout.TotalSeconds);
    }
}
