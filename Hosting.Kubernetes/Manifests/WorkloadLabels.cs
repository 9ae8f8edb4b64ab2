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

    /// <summary>The resource a coloured workload runs, on both colours (<see cref="Graph.ColouredGraph"/>).</summary>
    public const string App = "platform/app";

    /// <summary>The release slot of a coloured workload: a release applies the objects of one colour (ADR 0039).</summary>
    public const string Colour = "platform/colour";

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

    /// <summary>The labels of <see cref="For(string, string, string)"/>, with the app and colour of a coloured workload.</summary>
    public static IDictionary<string, string> For(Graph.Workload workload, string component, string partOf)
    {
        var labels = For(workload.Name, component, partOf);
        if (workload.Colour is { } colour)
        {
            labels[App] = workload.App;
            labels[Colour] = colour;
        }

        return labels;
    }

    public static V1ObjectMeta Metadata(string? name, IDictionary<string, string> labels, IDictionary<string, string>? annotations = null) =>
        new() { Name = name, Labels = labels, Annotations = annotations };
}
