using k8s.Models;
namespace Platform.Hosting.Kubernetes.Manifests;

/// <summary>The recommended <c>app.kubernetes.io</c> labels; the name label alone selects a workload's pods.</summary>
public static class WorkloadLabels
{
    public const string Name = "app.kubernetes.io/name";
    public const string PartOf = "app.kubernetes.io/part-of";
    public const string Component = "app.kubernetes.io/component";
    public const string ManagedBy = "app.kubernetes.io/managed-by";
    public const string Environment = "app.kubernetes.io/environment";

    public static IDictionary<string, string> Selector(string workload) =>
        new SortedDictionary<string, string>(StringComparer.Ordinal) { [Name] = workload };

    public static IDictionary<string, string> For(string workload, string component, string partOf) =>
        new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [Component] = component,
            [ManagedBy] = "platform-apphost",
            [Name] = workload,
            [PartOf] = partOf,
        };

    public static V1ObjectMeta Metadata(string? name, IDictionary<string, string> labels, IDictionary<string, string>? annotations = null) =>
        new() { Name = name, Labels = labels, Annotations = annotations };
}
