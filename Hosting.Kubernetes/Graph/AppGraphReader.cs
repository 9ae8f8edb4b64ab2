using System.Text.RegularExpressions;

namespace Platform.Hosting.Kubernetes.Graph;

/// <summary>
/// Reads the app model as it stands in publish mode: every project and the Redis container become workloads,
/// their environment callbacks are evaluated and translated, and <c>WithReference</c> relationships become edges.
/// </summary>
public sealed partial class AppGraphReader(KubernetesPublisherOptions options)
{
    private const string ReferenceRelationship = "Reference";

    public async Task<AppGraph> ReadAsync(DistributedApplicationModel model, DistributedApplicationExecutionContext executionContext, CancellationToken cancellationToken)
    {
        var resources = model.Resources
            .Where(resource => resource is ProjectResource or ContainerResource && !resource.IsExcludedFromPublish())
            .OrderBy(resource => resource.Name, StringComparer.Ordinal)
            .ToList();

        var ports = resources.ToDictionary(resource => (IResource)resource, PortsOf);
        var translator = new EnvValueTranslator(ports);
        var workloads = new List<Workload>();
        foreach (var resource in resources)
        {
            var kind = resource switch
            {
                ProjectResource => WorkloadKind.Project,
                RedisResource => WorkloadKind.Redis,
                _ => throw new NotSupportedException(
                    $"The Kubernetes publisher has no mapping for '{resource.Name}' ({resource.GetType().Name}); exclude it from publish or teach Hosting.Kubernetes about it."),
            };

            workloads.Add(new Workload(
                resource.Name,
                kind,
                ImageOf(resource, kind),
                ports[resource],
                await EnvironmentOfAsync(resource, translator, executionContext, cancellationToken),
                resource.Annotations.OfType<EndpointAnnotation>().Any(endpoint => endpoint.IsExternal),
                ReadinessPathOf(resource),
                [.. resource.Annotations.OfType<ExternalConnectionAnnotation>()
                    .Select(connection => new ExternalEgress(connection.Name, connection.Port))
                    .OrderBy(egress => egress.Name, StringComparer.Ordinal)]));
        }

        var projects = workloads.Where(workload => workload.Kind == WorkloadKind.Project).Select(workload => workload.Name).ToHashSet(StringComparer.Ordinal);
        workloads = [.. workloads.Select(workload =>
            resources.Single(resource => resource.Name == workload.Name).Annotations.OfType<PerReplicaDestinationsAnnotation>().Any()
                ? PerReplicaDestinations.Apply(workload, projects)
                : workload)];
        var names = workloads.Select(workload => workload.Name).ToHashSet(StringComparer.Ordinal);
        var edges = resources
            .SelectMany(resource => resource.Annotations.OfType<ResourceRelationshipAnnotation>()
                .Where(relationship => relationship.Type == ReferenceRelationship && names.Contains(relationship.Resource.Name))
                .Select(relationship => new GraphEdge(resource.Name, relationship.Resource.Name)))
            .Distinct()
            .OrderBy(edge => edge.From, StringComparer.Ordinal)
            .ThenBy(edge => edge.To, StringComparer.Ordinal)
            .ToList();

        return new AppGraph(workloads, edges)
        {
            Settings = workloads
                .Select(workload => (workload, resource: resources.Single(resource => resource.Name == workload.Name)))
                .Where(pair => pair.resource is ProjectResource)
                .ToDictionary(
                    pair => pair.workload.Name,
                    pair => ServiceSettings.Read(
                        Path.GetDirectoryName(pair.resource.Annotations.OfType<IProjectMetadata>().Single().ProjectPath)!,
                        pair.workload.Environment),
                    StringComparer.Ordinal),
            Backlogs = resources
                .SelectMany(resource => resource.Annotations.OfType<BacklogScalingAnnotation>().Select(annotation => (resource.Name, annotation.Backlog)))
                .ToDictionary(pair => pair.Name, pair => pair.Backlog, StringComparer.Ordinal),
        };
    }

    /// <summary>Projects listen on one plain-HTTP port (TLS ends at the ingress); containers keep their target ports.</summary>
    private IReadOnlyList<WorkloadPort> PortsOf(IResource resource)
    {
        var endpoints = resource.Annotations.OfType<EndpointAnnotation>().OrderBy(endpoint => endpoint.Name, StringComparer.Ordinal).ToList();
        if (resource is ProjectResource)
        {
            var http = endpoints.FirstOrDefault(endpoint => endpoint.UriScheme == "http")
                ?? throw new NotSupportedException($"Project '{resource.Name}' has no http endpoint to serve in the cluster.");
            return [new WorkloadPort(http.Name, options.ContainerPort, "http")];
        }

        return [.. endpoints.Select(endpoint => new WorkloadPort(
            endpoint.Name,
            endpoint.TargetPort ?? throw new NotSupportedException($"Endpoint '{resource.Name}/{endpoint.Name}' has no target port."),
            endpoint.UriScheme))];
    }

    private string ImageOf(IResource resource, WorkloadKind kind)
    {
        if (kind == WorkloadKind.Project)
        {
            return $"{options.Registry}/{resource.Name}";
        }

        var image = resource.Annotations.OfType<ContainerImageAnnotation>().Last();
        var registry = string.IsNullOrEmpty(image.Registry) ? "" : image.Registry + "/";
        return image.SHA256 is { Length: > 0 } digest
            ? $"{registry}{image.Image}@sha256:{digest}"
            : $"{registry}{image.Image}:{image.Tag ?? throw new NotSupportedException($"Container '{resource.Name}' has no pinned image tag.")}";
    }

    private static async Task<IReadOnlyList<EnvVar>> EnvironmentOfAsync(
        IResource resource, EnvValueTranslator translator, DistributedApplicationExecutionContext executionContext, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        var context = new EnvironmentCallbackContext(executionContext, resource, values, cancellationToken);
        foreach (var callback in resource.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(context);
        }

        foreach (var connection in resource.Annotations.OfType<ExternalConnectionAnnotation>())
        {
            values[$"ConnectionStrings__{connection.Name}"] = new ExternalConnectionValue(connection.Name);
        }

        foreach (var setting in resource.Annotations.OfType<SecretSettingAnnotation>())
        {
            values[setting.Variable] = setting;
        }

        var variables = new List<EnvVar>();
        foreach (var (name, value) in values.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            IReadOnlyList<EnvPart>? parts = value switch
            {
                ExternalConnectionValue external => [new SecretValue(external.Name, "value", Optional: true)],
                SecretSettingAnnotation setting => [new SecretValue(setting.SecretName, "value")],
                _ => await translator.TranslateAsync(value, cancellationToken),
            };
            if (parts is not null)
            {
                variables.Add(new EnvVar(name, parts));
            }
        }

        return variables;
    }

    private string ReadinessPathOf(IResource resource) =>
        resource.Annotations.OfType<HealthCheckAnnotation>()
            .Select(check => HttpHealthCheckKey().Match(check.Key))
            .Where(match => match.Success)
            .Select(match => match.Groups["path"].Value)
            .FirstOrDefault() ?? options.DefaultReadinessPath;

    private sealed record ExternalConnectionValue(string Name);

    /// <summary>Aspire names an HTTP health check <c>{resource}_{endpoint}_{path}_{status}_check</c>.</summary>
    [GeneratedRegex(@"^[^_]+_[^_]+_(?<path>/.*)_\d{3}_check$")]
    private static partial Regex HttpHealthCheckKey();
}
