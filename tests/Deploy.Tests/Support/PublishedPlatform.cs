using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Platform.Hosting.Kubernetes;
using Platform.Hosting.Kubernetes.Output;

namespace Platform.Deploy.Tests.Support;

/// <summary>
/// The AppHost's own graph, built in publish mode in-process, published by the same publisher the pipeline step
/// runs, and each overlay rendered by <c>kubectl kustomize</c> from the committed tree.
/// </summary>
public sealed class PublishedPlatform : IAsyncLifetime
{
    public static readonly string[] Environments = ["dev", "staging", "production"];

    public ManifestSet Fresh { get; private set; } = null!;

    public DistributedApplicationModel Model { get; private set; } = null!;

    public IReadOnlyDictionary<string, RenderedEnvironment> Rendered { get; private set; } = null!;

    public DistributedApplicationExecutionContext ExecutionContext => app.Services.GetRequiredService<DistributedApplicationExecutionContext>();

    private DistributedApplication app = null!;

    public async Task InitializeAsync()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(["--operation", "publish"]);
        app = await builder.BuildAsync();
        Model = app.Services.GetRequiredService<DistributedApplicationModel>();
        var environment = Model.Resources.OfType<KustomizeEnvironmentResource>().Single();
        Fresh = await new KubernetesPublisher(environment.Options)
            .BuildAsync(Model, ExecutionContext, CancellationToken.None);

        using var workspace = new TemporaryDirectory();
        var copy = Kustomize.CopyWithExampleSecrets(Repository.Manifests, workspace.Path);
        var rendered = new Dictionary<string, RenderedEnvironment>();
        foreach (var name in Environments)
        {
            rendered[name] = new RenderedEnvironment(name, await Kustomize.RenderAsync(Path.Combine(copy, "overlays", name)));
        }

        Rendered = rendered;
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PublishedPlatformCollection : ICollectionFixture<PublishedPlatform>
{
    public const string Name = "published platform";
}
