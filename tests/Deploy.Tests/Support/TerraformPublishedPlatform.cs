using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Platform.Hosting.Kubernetes;
using Platform.Tools.PublisherSettings;

namespace Platform.Deploy.Tests.Support;

/// <summary>The AppHost's graph published with the settings file written from the recorded Terraform outputs, and rendered.</summary>
public sealed class TerraformPublishedPlatform : IAsyncLifetime
{
    private readonly TemporaryDirectory workspace = new();
    private readonly Dictionary<string, RenderedEnvironment> rendered = [];

    public IReadOnlyDictionary<string, RenderedEnvironment> Rendered => rendered;

    /// <summary>The overlay files as published, before rendering.</summary>
    public string Published => Path.Combine(workspace.Path, "published");

    public async Task InitializeAsync()
    {
        var fixtures = Path.Combine(Repository.Root, "tests", "Infrastructure.Tests", "Fixtures");
        var settings = Path.Combine(workspace.Path, "publisher-settings.json");
        var error = new StringWriter();
        Assert.True(
            SettingsCommand.Run(["--output", settings, Path.Combine(fixtures, "production.tfoutput.json"), Path.Combine(fixtures, "dev.tfoutput.json")], TextWriter.Null, error) == 0,
            error.ToString());

        // The publish pipeline may run while the app is built; its output goes to the workspace, not the repository.
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            ["--operation", "publish", "--output-path", Path.Combine(workspace.Path, "pipeline"), $"--{PublisherSettingsFile.ConfigurationKey}={settings}"]);
        await using var app = await builder.BuildAsync();
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        var environment = model.Resources.OfType<KustomizeEnvironmentResource>().Single();
        var files = await new KubernetesPublisher(environment.Options)
            .BuildAsync(model, app.Services.GetRequiredService<DistributedApplicationExecutionContext>(), CancellationToken.None);

        files.WriteTo(Published);
        var copy = Kustomize.CopyWithExampleSecrets(Published, Path.Combine(workspace.Path, "render"));
        foreach (var name in PublishedPlatform.Environments)
        {
            rendered[name] = new RenderedEnvironment(name, await Kustomize.RenderAsync(Path.Combine(copy, "overlays", name)));
        }
    }

    public Task DisposeAsync()
    {
        workspace.Dispose();
        return Task.CompletedTask;
    }
}
