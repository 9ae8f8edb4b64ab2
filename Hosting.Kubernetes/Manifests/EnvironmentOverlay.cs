using Platform.Hosting.Kubernetes.Graph;
using Platform.Hosting.Kubernetes.Output;

namespace Platform.Hosting.Kubernetes.Manifests;

/// <summary>
/// One environment as a kustomize overlay of the base: its namespace, image names and tags, the per-workload patches
/// (<see cref="OverlayPatches"/>), the external-service patches, the edge (<c>edge.yaml</c>), the autoscalers
/// (<c>autoscaling.yaml</c>) and the Secrets: generated from git-ignored files, or synced by External Secrets Operator.
/// A blue-green environment takes its workloads from its own <c>workloads/</c> directory instead of the base: every
/// project in two colours sharing the stateful workloads (<see cref="ColouredGraph"/>, ADR 0039).
/// </summary>
public static class EnvironmentOverlay
{
    public static void AddTo(ManifestSet files, AppGraph published, EnvironmentSettings settings)
    {
        var directory = $"overlays/{settings.Name}";
        var graph = settings.BlueGreen ? ColouredGraph.Build(published) : published;
        var workloads = "../../base";
        if (settings.BlueGreen)
        {
            workloads = WorkloadsDirectory;
            WorkloadFiles.AddTo(files, $"{directory}/{workloads}", graph, settings);
        }

        var patches = new List<KustomizePatch>();
        var external = ExternalServices.Of(graph, settings);
        var effective = ExternalServices.Apply(graph, external);

        files.AddDocuments($"{directory}/namespace.yaml", [EnvironmentNamespace.Build(settings)]);
        var environmentResources = new List<string>();
        IReadOnlyList<object> autoscalers = [.. Autoscaling.AutoscalingManifests.Build(effective, settings)];
        foreach (var (file, documents) in new (string, IReadOnlyList<object>)[]
        {
            (EdgeFile, [.. Edge.EdgeManifests.Build(effective, settings)]),
            (AutoscalingFile, autoscalers),
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

        // Every key anything in the overlay reads: the workloads' references and the autoscalers' TriggerAuthentications.
        var secrets = effective.Secrets.Concat(Autoscaling.AutoscalingManifests.SecretsRead(autoscalers))
            .Distinct()
            .OrderBy(secret => secret.SecretName, StringComparer.Ordinal)
            .ThenBy(secret => secret.Key, StringComparer.Ordinal)
            .GroupBy(secret => secret.SecretName).ToList();
        var resources = new List<string> { "namespace.yaml", workloads };
        if (settings.ExternalSecrets is { } externalSecrets)
        {
            files.AddDocuments($"{directory}/{ExternalSecretsManifests.FileName}", ExternalSecretsManifests.Build(settings, externalSecrets, secrets));
            resources.Add(ExternalSecretsManifests.FileName);
            secrets = [];
        }

        // Generated Secrets get a hash suffix; KEDA's references to them must follow it as the pods' do.
        var configurations = secrets.Count > 0 && autoscalers.OfType<Autoscaling.TriggerAuthentication>().Any()
            ? new List<string> { Autoscaling.TriggerAuthenticationNames.FileName }
            : null;
        if (configurations is not null)
        {
            files.AddDocuments($"{directory}/{Autoscaling.TriggerAuthenticationNames.FileName}", [new Autoscaling.TriggerAuthenticationNames()]);
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
            Images = [.. published.Workloads
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
            Configurations = configurations,
        };
        files.AddDocuments($"{directory}/kustomization.yaml", [kustomization]);
    }

    public const string EdgeFile = "edge.yaml";
    public const string WorkloadsDirectory = "workloads";
    public const string AutoscalingFile = "autoscaling.yaml";
}
