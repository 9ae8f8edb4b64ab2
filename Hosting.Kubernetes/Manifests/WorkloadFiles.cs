using Platform.Hosting.Kubernetes.Graph;
using Platform.Hosting.Kubernetes.Output;

namespace Platform.Hosting.Kubernetes.Manifests;

/// <summary>
/// A kustomize directory with one file per workload (and the in-cluster Redis's backup) and the network policies: the shared <c>base/</c>, or the
/// coloured workloads of a blue-green environment (<c>overlays/{environment}/workloads/</c>, ADR 0039).
/// </summary>
public static class WorkloadFiles
{
    public const string ScrapeTargetsFile = "scrape-targets.yaml";

    public static void AddTo(ManifestSet files, string directory, AppGraph graph, EnvironmentSettings settings)
    {
        var resources = new List<string>();
        foreach (var workload in graph.Workloads)
        {
            var documents = workload.Kind switch
            {
                WorkloadKind.Redis => RedisManifests.Build(workload, settings).ToList<object>(),
                _ => ProjectManifests.Build(workload, settings).ToList<object>(),
            };
            var file = $"{workload.Name}.yaml";
            files.AddDocuments($"{directory}/{file}", documents);
            resources.Add(file);
            if (workload.Kind == WorkloadKind.Redis && settings.Backup.Enabled)
            {
                var backupFile = $"{BackupManifests.BackupName(workload.Name)}.yaml";
                files.AddDocuments($"{directory}/{backupFile}", BackupManifests.Build(workload, settings));
                resources.Add(backupFile);
            }
        }

        var scrapeTargets = ScrapeTargets(graph, settings).ToList();
        if (scrapeTargets.Count > 0)
        {
            files.AddDocuments($"{directory}/{ScrapeTargetsFile}", scrapeTargets);
            resources.Add(ScrapeTargetsFile);
        }

        files.AddDocuments($"{directory}/network-policies.yaml", NetworkPolicies.Build(graph, settings));
        resources.Add("network-policies.yaml");
        files.AddDocuments($"{directory}/kustomization.yaml", [new Kustomization { Resources = [.. resources.Order(StringComparer.Ordinal)] }]);
    }

    /// <summary>
    /// Prometheus finds its targets by the DNS name <c>{app}-pods</c> (deploy/monitoring), so a coloured app keeps one
    /// headless Service over both colours: the job label stays the app's name, and rules, dashboards and the
    /// autoscalers' queries read the same series whichever colour serves.
    /// </summary>
    private static IEnumerable<object> ScrapeTargets(AppGraph graph, EnvironmentSettings settings) => graph.Workloads
        .Where(workload => workload.Colour is not null)
        .GroupBy(workload => workload.App)
        .Select(colours =>
        {
            var workload = colours.First();
            var labels = PerReplicaDestinations.Labels(WorkloadLabels.For(workload.App, ProjectManifests.Component, settings.PartOf));
            var service = ServiceManifest.Build(workload, labels, PerReplicaDestinations.ServiceName(workload.App), headless: true);
            service.Spec.Selector = new SortedDictionary<string, string>(StringComparer.Ordinal) { [WorkloadLabels.App] = workload.App };
            return service;
        });
}
