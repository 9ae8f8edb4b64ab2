using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Platform.TestSupport;

namespace Platform.AppHost.Tests;

/// <summary>
/// The whole graph from <c>AppHost/Program.cs</c>, started once for the test collection, with the Aspire
/// dashboard on (anonymous, loopback) so tests can read the traces the services really exported.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public static readonly string[] Resources = ["redis", "models", "agents", "gateway"];
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    public DistributedApplication App { get; private set; } = null!;

    /// <summary>The dashboard's own address, allocated by the orchestrator like every other endpoint.</summary>
    public Uri DashboardUrl => App.GetEndpoint("aspire-dashboard", "http");

    public async Task InitializeAsync()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [
                $"ASPNETCORE_URLS=http://127.0.0.1:{FreePort.Next()}",
                $"ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://127.0.0.1:{FreePort.Next()}",
                $"ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL=http://127.0.0.1:{FreePort.Next()}",
                "ASPIRE_ALLOW_UNSECURED_TRANSPORT=true",
                "ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS=true",
                // Every test run starts from an empty Redis and leaves nothing on disk.
                "LocalState:Persist=false",
            ],
            (options, _) =>
            {
                options.DisableDashboard = false;
                options.AllowUnsecuredTransport = true;
            });

        App = await builder.BuildAsync();
        using var cts = new CancellationTokenSource(StartTimeout);
        await App.StartAsync(cts.Token);
    }

    /// <summary>The resource's state once its health checks pass (or the start timeout throws).</summary>
    public async Task<CustomResourceSnapshot> WaitUntilHealthyAsync(string resource)
    {
        using var cts = new CancellationTokenSource(StartTimeout);
        return (await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, cts.Token)).Snapshot;
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}
