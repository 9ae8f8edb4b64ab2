using Platform.Hosting.Kubernetes.Graph;
using Platform.Hosting.Kubernetes.Manifests;
using Platform.Hosting.Kubernetes.Output;

namespace Platform.Hosting.Kubernetes;

/// <summary>
/// App model in, kustomize tree out: <c>base/</c> with every workload and the network policies,
/// and <c>overlays/{environment}/</c> for each configured environment. Same model and options, same bytes.
/// </summary>
public sealed class KubernetesPublisher(KubernetesPublisherOptions options)
{
    public async Task<ManifestSet> BuildAsync(DistributedApplicationModel model, DistributedApplicationExecutionContext executionContext, CancellationToken cancellationToken)
    {
        options.Validate();
        var graph = await new AppGraphReader(options).ReadAsync(model, executionContext, cancellationToken);
        return Build(graph);
    }

    public ManifestSet Build(AppGraph graph)
    {
        options.Validate();
        var environments = EnvironmentSettings.Resolve(options);
        // The base carries the first environment's numbers; every overlay patches its own over them.
        var baseSettings = environments[0];
        var files = new ManifestSet();
        WorkloadFiles.AddTo(files, "base", graph, baseSettings);

        foreach (var environment in environments)
        {
            EnvironmentOverlay.AddTo(files, graph, environment);
        }

        return files;
    }

    public async Task<IReadOnlyList<string>> PublishAsync(
        DistributedApplicationModel model, DistributedApplicationExecutionContext executionContext, string outputDirectory, CancellationToken cancellationToken)
    {
        var files = await BuildAsync(model, executionContext, cancellationToken);
        return files.WriteTo(outputDirectory);
    }
}
