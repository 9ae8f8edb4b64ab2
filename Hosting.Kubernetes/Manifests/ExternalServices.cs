using Platform.Hosting.Kubernetes.Graph;

namespace Platform.Hosting.Kubernetes.Manifests;

/// <summary>
/// An environment that takes a backing service (a managed Redis) from outside the cluster runs a different graph:
/// without the in-cluster copy, and with its clients reading <c>ConnectionStrings__{name}</c> whole from the Secret
/// <c>{name}-connection-string</c> (the <c>{NAME}_*</c> variables Aspire derives from it are dropped).
/// <see cref="ExternalServicePatches"/> turns the difference into overlay patches.
/// </summary>
public static class ExternalServices
{
    public static string ConnectionSecretName(string resource) => $"{resource}-connection-string";

    /// <summary>The environment's external services, checked against the graph.</summary>
    public static IReadOnlyDictionary<string, ExternalService> Of(AppGraph graph, EnvironmentSettings settings)
    {
        foreach (var name in settings.ExternalServices.Keys)
        {
            if (graph.Workloads.SingleOrDefault(workload => workload.Name == name) is not { Kind: WorkloadKind.Redis })
            {
                throw new InvalidOperationException(
                    $"Kubernetes:Environments:{settings.Name}:ExternalServices:{name} does not name a Redis resource of the graph.");
            }
        }

        return settings.ExternalServices;
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
}
