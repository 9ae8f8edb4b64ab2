namespace Platform.Hosting.Kubernetes.Graph;

/// <summary>
/// Marks a resource that balances over the replicas of the projects it references by itself (the YARP gateway):
/// in a cluster its service-discovery addresses name each target's headless Service (<c>{name}-pods</c>), whose DNS
/// name has one address per ready pod, instead of the ClusterIP Service, which hides the replicas behind one address.
/// </summary>
public sealed class PerReplicaDestinationsAnnotation : IResourceAnnotation;

public static class PerReplicaDestinations
{
    public const string Suffix = "-pods";

    public static string ServiceName(string workload) => workload + Suffix;

    /// <summary>Tells the headless Service from the ClusterIP one, which carry the same workload labels.</summary>
    public const string AddressingLabel = "platform/addressing";

    public static IDictionary<string, string> Labels(IDictionary<string, string> labels) =>
        new SortedDictionary<string, string>(labels, StringComparer.Ordinal) { [AddressingLabel] = "per-pod" };

    /// <summary>Rewrites <c>services__{target}__*</c> values from <c>scheme://{target}:</c> to the headless name.</summary>
    public static Workload Apply(Workload workload, IReadOnlySet<string> projects) => workload with
    {
        Environment = [.. workload.Environment.Select(variable =>
            Target(variable.Name) is { } target && projects.Contains(target)
                ? variable with { Parts = [.. variable.Parts.Select(part => part is Literal literal ? Rewrite(literal, target) : part)] }
                : variable)],
    };

    private static string? Target(string name) =>
        name.StartsWith("services__", StringComparison.Ordinal) && name.Split("__") is [_, var target, _, _] ? target : null;

    private static Literal Rewrite(Literal literal, string target) =>
        new(literal.Text.Replace($"://{target}:", $"://{ServiceName(target)}:", StringComparison.Ordinal));
}
