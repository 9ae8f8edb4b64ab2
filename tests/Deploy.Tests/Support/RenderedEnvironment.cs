namespace Platform.Deploy.Tests.Support;

/// <summary>One overlay as <c>kubectl kustomize</c> rendered it, parsed strictly into KubernetesClient models.</summary>
public sealed class RenderedEnvironment(string name, string yaml)
{
    public string Name { get; } = name;

    public string Yaml { get; } = yaml;

    /// <summary>Every rendered object, the platform's and the monitoring stack's.</summary>
    public IReadOnlyList<object> Everything { get; } = KubernetesYaml.LoadAllFromString(yaml, ExtraKinds, strict: true);

    /// <summary>The objects the publisher made from the graph; the policy tests hold them to the platform's rules.</summary>
    public IReadOnlyList<object> Objects => [.. Everything.Where(item => !IsMonitoring(item))];

    /// <summary>The monitoring stack each overlay includes from <c>deploy/monitoring</c>.</summary>
    public IReadOnlyList<object> Monitoring => [.. Everything.Where(IsMonitoring)];

    public const string MonitoringPartOf = "platform-monitoring";

    private static bool IsMonitoring(object item) =>
        item is IMetadata<V1ObjectMeta> { Metadata.Labels: { } labels }
        && labels.TryGetValue("app.kubernetes.io/part-of", out var partOf) && partOf == MonitoringPartOf;

    /// <summary>Kinds outside the KubernetesClient models that the publisher can emit.</summary>
    public static readonly Dictionary<string, Type> ExtraKinds = new(Platform.Hosting.Kubernetes.Manifests.CustomResourceKinds.All);

    public IEnumerable<T> All<T>() => Objects.OfType<T>();

    public T Single<T>(string name) where T : IMetadata<V1ObjectMeta> => All<T>().Single(item => item.Metadata.Name == name);

    /// <summary>The colours a blue-green environment runs its projects in (ADR 0039); empty elsewhere.</summary>
    public IReadOnlyList<string> Colours => [.. All<V1Deployment>()
        .Select(deployment => deployment.Metadata.Labels is { } labels && labels.TryGetValue(Platform.Hosting.Kubernetes.Manifests.WorkloadLabels.Colour, out var colour) ? colour : null)
        .OfType<string>().Distinct().Order(StringComparer.Ordinal)];

    /// <summary>The names a resource of the graph runs under here: itself, or one per colour.</summary>
    public IReadOnlyList<string> NamesOf(string resource) =>
        Colours.Select(colour => $"{resource}-{colour}").Where(name => All<V1Deployment>().Any(deployment => deployment.Metadata.Name == name)).ToList() is { Count: > 0 } coloured
            ? coloured
            : [resource];

    /// <summary>The graph resource a workload runs: <c>agents-green</c> runs <c>agents</c>.</summary>
    public string AppOf(string name) =>
        Colours.FirstOrDefault(colour => name.EndsWith($"-{colour}", StringComparison.Ordinal)) is { } suffix ? name[..^(suffix.Length + 1)] : name;

    /// <summary>The colour of a workload name, null for shared workloads.</summary>
    public string? ColourOf(string name) => Colours.FirstOrDefault(colour => name.EndsWith($"-{colour}", StringComparison.Ordinal));

    /// <summary>Every pod template with the replica floor that keeps it running (autoscaler minimum or fixed replicas).</summary>
    public IEnumerable<PodWorkload> Workloads =>
        All<V1Deployment>().Select(deployment => new PodWorkload(
                deployment.Metadata.Name,
                deployment.Kind,
                deployment.Spec.Template,
                All<V2HorizontalPodAutoscaler>().SingleOrDefault(hpa => hpa.Spec.ScaleTargetRef.Name == deployment.Metadata.Name)?.Spec.MinReplicas
                    ?? All<Platform.Hosting.Kubernetes.Manifests.Autoscaling.ScaledObject>()
                        .SingleOrDefault(scaled => scaled.Spec.ScaleTargetRef.Name == deployment.Metadata.Name)?.Spec.MinReplicaCount
                    ?? deployment.Spec.Replicas ?? 1))
            .Concat(All<V1StatefulSet>().Select(statefulSet => new PodWorkload(
                statefulSet.Metadata.Name, statefulSet.Kind, statefulSet.Spec.Template, statefulSet.Spec.Replicas ?? 1)));

    /// <summary>The pod templates of the CronJobs (Redis backup and the restore template): pods that run to completion.</summary>
    public IEnumerable<PodWorkload> Jobs =>
        All<V1CronJob>().Select(job => new PodWorkload(job.Metadata.Name, job.Kind, job.Spec.JobTemplate.Spec.Template, 0));

    public IEnumerable<PodWorkload> Selected(V1LabelSelector selector) =>
        Workloads.Concat(Jobs).Where(workload => Matches(selector, workload.Template.Metadata.Labels));

    public static bool Matches(V1LabelSelector selector, IDictionary<string, string>? labels) =>
        selector.MatchExpressions is null or { Count: 0 }
        && (selector.MatchLabels ?? new Dictionary<string, string>()).All(pair => labels is not null && labels.TryGetValue(pair.Key, out var value) && value == pair.Value);
}

public sealed record PodWorkload(string Name, string Kind, V1PodTemplateSpec Template, int ReplicaFloor)
{
    public V1PodSpec Pod => Template.Spec;

    public override string ToString() => $"{Kind}/{Name}";
}
