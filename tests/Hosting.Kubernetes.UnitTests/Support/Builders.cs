using k8s;
using Platform.Hosting.Kubernetes.Graph;
using Platform.Hosting.Kubernetes.Manifests;
using Platform.Hosting.Kubernetes.Output;

namespace Platform.Hosting.Kubernetes.UnitTests.Support;

/// <summary>The manifest builders called with settings resolved from the default options, for one environment or the whole tree.</summary>
public static class Builders
{
    public static KubernetesPublisherOptions Options(Action<KubernetesPublisherOptions>? change = null)
    {
        var options = KubernetesPublisherOptions.CreateDefault();
        change?.Invoke(options);
        return options;
    }

    public static EnvironmentSettings Settings(string environment, KubernetesPublisherOptions? options = null)
    {
        options ??= Options();
        return EnvironmentSettings.Resolve(options, environment, options.Environments[environment]);
    }

    public static IReadOnlyList<IKubernetesObject> Project(Workload workload, string environment, KubernetesPublisherOptions? options = null) =>
        [.. ProjectManifests.Build(workload, Settings(environment, options))];

    public static IReadOnlyList<IKubernetesObject> Redis(Workload workload, string environment, KubernetesPublisherOptions? options = null) =>
        [.. RedisManifests.Build(workload, Settings(environment, options))];

    public static IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Edge(AppGraph graph, string environment, KubernetesPublisherOptions? options = null) =>
        [.. Manifests.Edge.EdgeManifests.Build(graph, Settings(environment, options))];

    public static IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Autoscaling(AppGraph graph, string environment, KubernetesPublisherOptions? options = null) =>
        [.. Manifests.Autoscaling.AutoscalingManifests.Build(graph, Settings(environment, options))];

    public static IReadOnlyList<V1NetworkPolicy> NetworkPolicies(AppGraph graph, KubernetesPublisherOptions? options = null) =>
        [.. Manifests.NetworkPolicies.Build(graph, Settings("dev", options))];

    public static ManifestSet Publish(AppGraph graph, KubernetesPublisherOptions? options = null) =>
        new KubernetesPublisher(options ?? Options()).Build(graph);
}
