using k8s.Models;
using Platform.Hosting.Kubernetes.Graph;
using Platform.Hosting.Kubernetes.Output;

namespace Platform.Hosting.Kubernetes.Manifests;

/// <summary>
/// An environment that takes a backing service (a managed Redis) from outside the cluster: the in-cluster copy is
/// deleted from the overlay, its clients read <c>ConnectionStrings__{name}</c> whole from the Secret
/// <c>{name}-connection-string</c> (the <c>{NAME}_*</c> variables Aspire derives from it are dropped), and their
/// egress goes to the service's address range instead of its pods.
/// </summary>
public sealed class ExternalServices(KubernetesPublisherOptions options)
{
    public static string ConnectionSecretName(string resource) => $"{resource}-connection-string";

    public static IReadOnlyDictionary<string, ExternalService> Of(AppGraph graph, EnvironmentProfile profile, string environment)
    {
        foreach (var name in profile.ExternalServices.Keys)
        {
            if (graph.Workloads.SingleOrDefault(workload => workload.Name == name) is not { Kind: WorkloadKind.Redis })
            {
                throw new InvalidOperationException(
                    $"Kubernetes:Environments:{environment}:ExternalServices:{name} does not name a Redis resource of the graph.");
            }
        }

        return profile.ExternalServices;
    }

    /// <summary>The graph as the environment runs it: without the external services, their clients rewired.</summary>
    public static AppGraph Apply(AppGraph graph, IReadOnlyDictionary<string, ExternalService> external)
    {
        if (external.Count == 0)
        {
            return graph;
        }

        var workloads = graph.Workloads
            .Where(workload => !external.ContainsKey(workload.Name))
            .Select(workload => graph.EdgesFrom(workload.Name).Where(edge => external.ContainsKey(edge.To))
                .Aggregate(workload, (client, edge) => client with { Environment = Rewire(client.Environment, edge.To) }))
            .ToList();
        return graph with { Workloads = workloads };
    }

    private static List<EnvVar> Rewire(IReadOnlyList<EnvVar> environment, string service)
    {
        var derivedPrefix = service.ToUpperInvariant().Replace('-', '_') + "_";
        var connectionString = $"ConnectionStrings__{service}";
        return [.. environment
            .Where(variable => !variable.Name.StartsWith(derivedPrefix, StringComparison.Ordinal))
            .Select(variable => variable.Name == connectionString
                ? variable with { Parts = [new SecretValue(ConnectionSecretName(service), "value")] }
                : variable)];
    }

    /// <summary>Overlay patches: delete the in-cluster copy, replace the clients' environment, settings and egress.</summary>
    public IEnumerable<(string Path, object Patch, KustomizeTarget? Target)> Patches(
        AppGraph graph, AppGraph effective, IReadOnlyDictionary<string, ExternalService> external)
    {
        foreach (var name in external.Keys.Order(StringComparer.Ordinal))
        {
            foreach (var (apiVersion, kind, objectName) in InClusterObjects(name))
            {
                yield return ($"patches/{name}-delete-{kind.ToLowerInvariant()}-{objectName}.yaml",
                    new DeletePatch { ApiVersion = apiVersion, Kind = kind, Metadata = new V1ObjectMeta { Name = objectName } }, null);
            }
        }

        var projects = new ProjectManifests(options);
        var policies = new NetworkPolicies(options);
        foreach (var client in effective.Workloads.Where(workload => graph.EdgesFrom(workload.Name).Any(edge => external.ContainsKey(edge.To))))
        {
            var settings = projects.Settings(client);
            yield return ($"patches/{client.Name}-external-deployment.yaml", new List<JsonPatchOperation>
            {
                new() { Path = "/spec/template/spec/containers/0/env", Value = ProjectManifests.ContainerVariables(client) },
                new() { Path = "/spec/template/metadata/annotations/" + ProjectManifests.SettingsDigestAnnotation.Replace("/", "~1", StringComparison.Ordinal), Value = ContainerEnvironment.Digest(settings) },
            }, new KustomizeTarget { Kind = V1Deployment.KubeKind, Name = client.Name });
            yield return ($"patches/{client.Name}-external-settings.yaml", new List<JsonPatchOperation>
            {
                new() { Path = "/data", Value = settings },
            }, new KustomizeTarget { Kind = V1ConfigMap.KubeKind, Name = ProjectManifests.SettingsName(client.Name) });
            yield return ($"patches/{client.Name}-external-networkpolicy.yaml", new List<JsonPatchOperation>
            {
                new() { Path = "/spec/egress", Value = policies.Egress(graph, client, external) },
            }, new KustomizeTarget { Kind = V1NetworkPolicy.KubeKind, Name = client.Name });
        }
    }

    private static IEnumerable<(string ApiVersion, string Kind, string Name)> InClusterObjects(string name)
    {
        yield return ("apps/v1", V1StatefulSet.KubeKind, name);
        yield return ("v1", V1Service.KubeKind, name);
        yield return ("v1", V1Service.KubeKind, RedisManifests.HeadlessName(name));
        yield return ("v1", V1ServiceAccount.KubeKind, name);
        yield return ("policy/v1", V1PodDisruptionBudget.KubeKind, name);
        yield return ("networking.k8s.io/v1", V1NetworkPolicy.KubeKind, name);
    }
}
