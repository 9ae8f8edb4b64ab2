namespace Platform.Hosting.Kubernetes.Graph;

/// <summary>
/// The graph of a blue-green environment (ADR 0039): every project twice, as <c>{name}-blue</c> and
/// <c>{name}-green</c>, each colour calling only its own colour, both sharing the stateful workloads (Redis).
/// Addresses in the projects' settings are renamed to their colour's Services; variable names stay, so a
/// service reads the same configuration keys in either colour.
/// </summary>
public static class ColouredGraph
{
    public const string Blue = "blue";
    public const string Green = "green";

    /// <summary>The colours in publishing order; the first one takes the traffic in the published edge.</summary>
    public static readonly IReadOnlyList<string> Colours = [Blue, Green];

    public static string NameOf(string app, string colour) => $"{app}-{colour}";

    public static AppGraph Build(AppGraph graph)
    {
        var projects = graph.Workloads.Where(workload => workload.Kind == WorkloadKind.Project).Select(workload => workload.Name).ToHashSet(StringComparer.Ordinal);
        string Rename(string name, string colour) => projects.Contains(name) ? NameOf(name, colour) : name;

        var workloads = graph.Workloads
            .SelectMany(workload => projects.Contains(workload.Name)
                ? Colours.Select(colour => Colour(workload, colour, projects))
                : [workload])
            .ToList();
        var edges = graph.Edges
            .SelectMany(edge => projects.Contains(edge.From)
                ? Colours.Select(colour => new GraphEdge(Rename(edge.From, colour), Rename(edge.To, colour)))
                : [edge])
            .ToList();
        return new AppGraph(workloads, edges)
        {
            Settings = Duplicate(graph.Settings, projects),
            Backlogs = Duplicate(graph.Backlogs, projects),
        };
    }

    private static Workload Colour(Workload workload, string colour, IReadOnlySet<string> projects) => workload with
    {
        Name = NameOf(workload.Name, colour),
        Colour = colour,
        Environment = [.. workload.Environment.Select(variable => variable with
        {
            Parts = [.. variable.Parts.Select(part => part is Literal literal ? new Literal(Readdress(literal.Text, colour, projects)) : part)],
        })],
    };

    /// <summary><c>http://agents:8080</c> becomes <c>http://agents-blue:8080</c>, <c>http://agents-pods:8080</c> <c>http://agents-blue-pods:8080</c>.</summary>
    private static string Readdress(string text, string colour, IReadOnlySet<string> projects) =>
        projects.Order(StringComparer.Ordinal).Aggregate(text, (current, project) => current
            .Replace($"://{PerReplicaDestinations.ServiceName(project)}:", $"://{PerReplicaDestinations.ServiceName(NameOf(project, colour))}:", StringComparison.Ordinal)
            .Replace($"://{project}:", $"://{NameOf(project, colour)}:", StringComparison.Ordinal));

    private static Dictionary<string, T> Duplicate<T>(IReadOnlyDictionary<string, T> values, IReadOnlySet<string> projects) =>
        values.SelectMany(pair => projects.Contains(pair.Key)
                ? Colours.Select(colour => KeyValuePair.Create(NameOf(pair.Key, colour), pair.Value))
                : [pair])
            .ToDictionary(StringComparer.Ordinal);
}
