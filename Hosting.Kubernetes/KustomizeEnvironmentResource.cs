namespace Platform.Hosting.Kubernetes;

/// <summary>
/// The Kubernetes clusters the graph is published to. Its pipeline step turns the app model into a kustomize
/// base and one overlay per environment.
/// </summary>
public sealed class KustomizeEnvironmentResource(string name, KubernetesPublisherOptions options, string appHostDirectory) : Resource(name), IComputeEnvironmentResource
{
    public KubernetesPublisherOptions Options { get; } = options;

    public string AppHostDirectory { get; } = appHostDirectory;
}
