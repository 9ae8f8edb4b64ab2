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
        var files = new ManifestSet();
        var baseProfile = options.Environments.First().Value;
        var projects = new ProjectManifests(options);
        var redis = new RedisManifests(options);
        var baseResources = new List<string>();

        foreach (var workload in graph.Workloads)
        {
            var documents = workload.Kind switch
            {
                WorkloadKind.Redis => redis.Build(workload, baseProfile).ToList<object>(),
                _ => projects.Build(workload, baseProfile).ToList<object>(),
            };
            var file = $"{workload.Name}.yaml";
            files.AddDocuments($"base/{file}", documents);
            baseResources.Add(file);
        }

        files.AddDocuments("base/network-policies.yaml", new NetworkPolicies(options).Build(graph));
        baseResources.Add("network-policies.yaml");
        files.AddDocuments("base/kustomization.yaml", [new Kustomization { Resources = [.. baseResources.Order(StringComparer.Ordinal)] }]);

        var overlay = new EnvironmentOverlay(options);
        foreach (var (environment, profile) in options.Environments)
        {
            overlay.AddTo(files, graph, environment, profile);
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
