using Platform.Hosting.Kubernetes.Graph;
using Platform.Hosting.Kubernetes.Output;

namespace Platform.Hosting.Kubernetes.Manifests;

/// <summary>
/// One environment as a kustomize overlay of the base: its namespace, image names and tags, the per-workload patches
/// (<see cref="OverlayPatches"/>), the external-service patches, the edge (<c>edge.yaml</c>), the autoscalers
/// (<c>autoscaling.yaml</c>) and the Secrets: generated from git-ignored files, or synced by External Secrets Operator.
/// </summary>
public static class EnvironmentOverlay
{
    public static void AddTo(ManifestSet files, AppGraph graph, EnvironmentSettings settings)
    {
        var directory = $"overlays/{settings.Name}";
        var patches = new List<KustomizePatch>();
        var external = ExternalServices.Of(graph, settings);
        var effective = ExternalServices.Apply(graph, external);

        files.AddDocuments($"{directory}/namespace.yaml", [EnvironmentNamespace.Build(settings)]);
        var environmentResources = new List<string>();
        foreach (var (file, documents) in new (string, IReadOnlyList<object>)[]
        {
            (EdgeFile, [.. Edge.EdgeManifests.Build(effective, settings)]),
            (AutoscalingFile, [.. Autoscaling.AutoscalingManifests.Build(effective, settings)]),
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
            foreach (var (suffix, patch) in OverlayPatches.Build(workload, settings))
            {
                var path = $"patches/{workload.Name}-{suffix}.yaml";
                files.AddDocuments($"{directory}/{path}", [patch]);
                patches.Add(new KustomizePatch { Path = path });
            }
        }

        foreach (var (path, patch, target) in ExternalServicePatches.Build(graph, effective, external, settings))
        {
            files.AddDocuments($"{directory}/{path}", [patch]);
            patches.Add(new KustomizePatch { Path = path, Target = target });
        }

        var secrets = effective.Secrets.GroupBy(secret => secret.SecretName).ToList();
        var resources = new List<string> { "namespace.yaml", "../../base" };
        if (settings.ExternalSecrets is { } externalSecrets)
        {
            files.AddDocuments($"{directory}/{ExternalSecretsManifests.FileName}", ExternalSecretsManifests.Build(settings, externalSecrets, secrets));
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
            Namespace = settings.Namespace,
            Resources = [.. resources, .. environmentResources, .. settings.ExtraResources],
            Labels =
            [
                new KustomizeLabels
                {
                    Pairs = new(StringComparer.Ordinal) { [WorkloadLabels.Environment] = settings.Name },
                    IncludeTemplates = true,
                },
            ],
            Images = [.. graph.Workloads
                .Where(workload => workload.Kind == WorkloadKind.Project)
                .Select(workload => new KustomizeImage
                {
                    Name = workload.Image,
                    NewName = settings.Registry is { } registry ? $"{registry}/{workload.Name}" : null,
                    NewTag = settings.ImageTag,
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
}
