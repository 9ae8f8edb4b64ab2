using k8s.Models;
using Platform.Hosting.Kubernetes.Graph;
using Platform.Hosting.Kubernetes.Output;

namespace Platform.Hosting.Kubernetes.Manifests;

/// <summary>
/// One environment as a kustomize overlay of the base: its namespace (Pod Security "restricted" enforced),
/// image tags, disruption budgets, requests and limits, topology spread, Redis memory, the edge (<c>edge.yaml</c>),
/// the autoscalers (<c>autoscaling.yaml</c>) and the Secrets: generated from git-ignored files, or synced by External
/// Secrets Operator.
/// </summary>
public sealed class EnvironmentOverlay(KubernetesPublisherOptions options)
{
    public void AddTo(ManifestSet files, AppGraph graph, string environment, EnvironmentProfile profile)
    {
        var directory = $"overlays/{environment}";
        var patches = new List<KustomizePatch>();
        var external = ExternalServices.Of(graph, profile, environment);
        var effective = ExternalServices.Apply(graph, external);

        files.AddDocuments($"{directory}/namespace.yaml", [Namespace(profile.NamespaceFor(options.PartOf, environment))]);
        var environmentResources = new List<string>();
        foreach (var (file, documents) in new (string, IReadOnlyList<object>)[]
        {
            (EdgeFile, [.. new Edge.EdgeManifests(options).Build(effective, profile)]),
            (AutoscalingFile, [.. new Autoscaling.AutoscalingManifests(options).Build(effective, profile)]),
        })
        {
            if (documents.Count > 0)
            {
                files.AddDocuments($"{directory}/{file}", documents);
                environmentResources.Add(file);
            }
        }

        foreach (var workload in effective.Workloads)
        {
            foreach (var (suffix, patch) in Patches(workload, profile, options))
            {
                var path = $"patches/{workload.Name}-{suffix}.yaml";
                files.AddDocuments($"{directory}/{path}", [patch]);
                patches.Add(new KustomizePatch { Path = path });
            }
        }

        foreach (var (path, patch, target) in new ExternalServices(options).Patches(graph, effective, external))
        {
            files.AddDocuments($"{directory}/{path}", [patch]);
            patches.Add(new KustomizePatch { Path = path, Target = target });
        }

        var secrets = effective.Secrets.GroupBy(secret => secret.SecretName).ToList();
        var resources = new List<string> { "namespace.yaml", "../../base" };
        if (profile.ExternalSecrets is { } externalSecrets)
        {
            files.AddDocuments($"{directory}/{ExternalSecretsManifests.FileName}", new ExternalSecretsManifests(options).Build(environment, externalSecrets, secrets));
            resources.Add(ExternalSecretsManifests.FileName);
            secrets = [];
        }

        foreach (var secret in secrets)
        {
            files.AddText(
                $"{directory}/{ManifestSet.SecretsDirectory}/{secret.Key}{ManifestSet.SecretFileSuffix}{ManifestSet.ExampleSuffix}",
                $"# Copy to {secret.Key}{ManifestSet.SecretFileSuffix} (git-ignored) and fill in; kustomize builds the Secret '{secret.Key}' from it.\n" +
                string.Concat(secret.Select(value => $"{value.Key}=\n")));
        }

        var kustomization = new Kustomization
        {
            Namespace = profile.NamespaceFor(options.PartOf, environment),
            Resources = [.. resources, .. environmentResources, .. profile.ExtraResources],
            Labels =
            [
                new KustomizeLabels
                {
                    Pairs = new(StringComparer.Ordinal) { [WorkloadLabels.Environment] = environment },
                    IncludeTemplates = true,
                },
            ],
            Images = [.. graph.Workloads
                .Where(workload => workload.Kind == WorkloadKind.Project)
                .Select(workload => new KustomizeImage
                {
                    Name = workload.Image,
                    NewName = string.IsNullOrWhiteSpace(profile.Registry) ? null : $"{profile.Registry}/{workload.Name}",
                    NewTag = profile.ImageTag,
                })],
            Patches = [.. patches.OrderBy(patch => patch.Path, StringComparer.Ordinal)],
            SecretGenerator = secrets.Count == 0 ? null : [.. secrets.Select(secret => new KustomizeSecretGenerator
            {
                Name = secret.Key,
                Envs = [$"{ManifestSet.SecretsDirectory}/{secret.Key}{ManifestSet.SecretFileSuffix}"],
            })],
        };
        files.AddDocuments($"{directory}/kustomization.yaml", [kustomization]);
    }

    public const string EdgeFile = "edge.yaml";
    public const string AutoscalingFile = "autoscaling.yaml";

    private V1Namespace Namespace(string name) => new()
    {
        ApiVersion = "v1",
        Kind = V1Namespace.KubeKind,
        Metadata = new V1ObjectMeta
        {
            Name = name,
            Labels = new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                [WorkloadLabels.PartOf] = options.PartOf,
                ["pod-security.kubernetes.io/audit"] = "restricted",
                ["pod-security.kubernetes.io/enforce"] = "restricted",
                ["pod-security.kubernetes.io/enforce-version"] = "latest",
                ["pod-security.kubernetes.io/warn"] = "restricted",
            },
        },
    };

    private static IEnumerable<(string Suffix, object Patch)> Patches(Workload workload, EnvironmentProfile profile, KubernetesPublisherOptions options)
    {
        var container = new V1Container { Name = workload.Name, Resources = PodHardening.Resources(profile.SizingFor(workload.Name)) };
        if (workload.Kind == WorkloadKind.Redis)
        {
            // maxmemory follows this environment's memory limit; a list in a strategic merge replaces the base's.
            container.Args = RedisManifests.Arguments(workload, profile, options);
            yield return ("statefulset", new V1StatefulSet
            {
                ApiVersion = "apps/v1",
                Kind = V1StatefulSet.KubeKind,
                Metadata = new V1ObjectMeta { Name = workload.Name },
                Spec = new V1StatefulSetSpec { Template = new V1PodTemplateSpec { Spec = new V1PodSpec { Containers = [container] } } },
            });
            yield break;
        }

        yield return ("deployment", new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = V1Deployment.KubeKind,
            Metadata = new V1ObjectMeta { Name = workload.Name },
            Spec = new V1DeploymentSpec
            {
                Template = new V1PodTemplateSpec
                {
                    Spec = new V1PodSpec
                    {
                        Containers = [container],
                        TopologySpreadConstraints = ProjectManifests.TopologySpread(workload.Name, profile),
                    },
                },
            },
        });
        yield return ("pdb", new V1PodDisruptionBudget
        {
            ApiVersion = "policy/v1",
            Kind = V1PodDisruptionBudget.KubeKind,
            Metadata = new V1ObjectMeta { Name = workload.Name },
            Spec = new V1PodDisruptionBudgetSpec { MinAvailable = ProjectManifests.MinAvailable(profile.MinReplicas) },
        });
    }
}
