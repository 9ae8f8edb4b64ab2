using k8s.Models;
using Platform.Hosting.Kubernetes.Graph;
using Platform.Hosting.Kubernetes.Output;

namespace Platform.Hosting.Kubernetes.Manifests;

/// <summary>
/// The overlay patches of an environment with external services: delete the in-cluster copy, and replace its
/// clients' environment, settings and egress (to the service's address range instead of its pods).
/// </summary>
public static class ExternalServicePatches
{
    public static IEnumerable<(string Path, object Patch, KustomizeTarget? Target)> Build(
        AppGraph graph, AppGraph effective, IReadOnlyDictionary<string, ExternalService> external, EnvironmentSettings settings)
    {
        foreach (var name in external.Keys.Order(StringComparer.Ordinal))
        {
            // The managed service snapshots itself; the in-cluster backup has nothing to back up.
            var backups = settings.Backup.Enabled ? BackupManifests.Objects(name, settings.Backup) : [];
            foreach (var (apiVersion, kind, objectName) in InClusterObjects(name).Concat(backups))
            {
                yield return ($"patches/{name}-delete-{kind.ToLowerInvariant()}-{objectName}.yaml",
                    new DeletePatch { ApiVersion = apiVersion, Kind = kind, Metadata = new V1ObjectMeta { Name = objectName } }, null);
            }
        }

        foreach (var client in effective.Workloads.Where(workload => graph.EdgesFrom(workload.Name).Any(edge => external.ContainsKey(edge.To))))
        {
            var plainSettings = ProjectManifests.Settings(client, settings);
            yield return ($"patches/{client.Name}-external-deployment.yaml", new List<JsonPatchOperation>
            {
                new() { Path = "/spec/template/spec/containers/0/env", Value = ProjectManifests.ContainerVariables(client) },
                new() { Path = "/spec/template/metadata/annotations/" + ProjectManifests.SettingsDigestAnnotation.Replace("/", "~1", StringComparison.Ordinal), Value = ContainerEnvironment.Digest(plainSettings) },
            }, new KustomizeTarget { Kind = V1Deployment.KubeKind, Name = client.Name });
            yield return ($"patches/{client.Name}-external-settings.yaml", new List<JsonPatchOperation>
            {
                new() { Path = "/data", Value = plainSettings },
            }, new KustomizeTarget { Kind = V1ConfigMap.KubeKind, Name = ProjectManifests.SettingsName(client.Name) });
            yield return ($"patches/{client.Name}-external-networkpolicy.yaml", new List<JsonPatchOperation>
            {
                new() { Path = "/spec/egress", Value = NetworkPolicies.Egress(graph, client, external, settings) },
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
