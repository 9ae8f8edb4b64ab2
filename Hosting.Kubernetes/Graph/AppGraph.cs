namespace Platform.Hosting.Kubernetes.Graph;

/// <summary>The part of the app model a cluster needs: workloads and who calls whom.</summary>
public sealed record AppGraph(IReadOnlyList<Workload> Workloads, IReadOnlyList<GraphEdge> Edges)
{
    public Workload this[string name] => Workloads.Single(workload => workload.Name == name);

    /// <summary>Each project's configuration (<see cref="ServiceSettings"/>), keyed by workload name.</summary>
    public IReadOnlyDictionary<string, Microsoft.Extensions.Configuration.IConfiguration> Settings { get; init; } =
        new Dictionary<string, Microsoft.Extensions.Configuration.IConfiguration>(StringComparer.Ordinal);

    /// <summary>The work waiting per workload, for those that declare a queue to scale on.</summary>
    public IReadOnlyDictionary<string, BacklogScaling> Backlogs { get; init; } = new Dictionary<string, BacklogScaling>(StringComparer.Ordinal);

    public Microsoft.Extensions.Configuration.IConfiguration SettingsOf(string name) => Settings.GetValueOrDefault(name) ?? ServiceSettings.Empty;

    public IEnumerable<GraphEdge> EdgesFrom(string name) => Edges.Where(edge => edge.From == name);

    public IEnumerable<GraphEdge> EdgesTo(string name) => Edges.Where(edge => edge.To == name);

    /// <summary>Every Secret the workloads read, with the key each one needs.</summary>
    public IReadOnlyList<SecretValue> Secrets => Workloads
        .SelectMany(workload => workload.Environment)
        .SelectMany(variable => variable.Parts.OfType<SecretValue>())
        .Select(secret => secret with { Optional = false })
        .Distinct()
        .OrderBy(secret => secret.SecretName, StringComparer.Ordinal)
        .ThenBy(secret => secret.Key, StringComparer.Ordinal)
        .ToList();
}

public enum WorkloadKind
{
    /// <summary>A .NET project: Deployment, Service, autoscaler, disruption budget.</summary>
    Project,

    /// <summary>The Redis container: StatefulSet with a volume, password from a Secret.</summary>
    Redis,
}

/// <param name="Image">Full image reference; for projects the tag is set per environment by the overlay.</param>
public sealed record Workload(
    string Name,
    WorkloadKind Kind,
    string Image,
    IReadOnlyList<WorkloadPort> Ports,
    IReadOnlyList<EnvVar> Environment,
    bool IsExternal,
    string ReadinessPath,
    IReadOnlyList<ExternalEgress> ExternalEgress)
{
    public WorkloadPort PrimaryPort => Ports[0];

    /// <summary>The release slot (<c>blue</c>, <c>green</c>) of a project published in colours (ADR 0039); null otherwise.</summary>
    public string? Colour { get; init; }

    /// <summary>The resource this workload runs: its name without the colour. Sizes and telemetry names follow it.</summary>
    public string App => Colour is null ? Name : Name[..^(Colour.Length + 1)];
}

/// <summary>A named port; the Service exposes it on the same number the container listens on.</summary>
public sealed record WorkloadPort(string Name, int Number, string Scheme);

/// <summary>A <c>WithReference</c> from one workload to another.</summary>
public sealed record GraphEdge(string From, string To);

/// <summary>HTTPS (or other TCP) egress to a provider outside the cluster, declared on the resource.</summary>
public sealed record ExternalEgress(string Name, int Port);

/// <summary>An environment variable as literal text and Secret references, joined in order.</summary>
public sealed record EnvVar(string Name, IReadOnlyList<EnvPart> Parts)
{
    public bool IsPlain => Parts.All(part => part is Literal);

    public SecretValue? SingleSecret => Parts is [SecretValue secret] ? secret : null;

    public string PlainValue => string.Concat(Parts.Cast<Literal>().Select(part => part.Text));
}

public abstract record EnvPart;

public sealed record Literal(string Text) : EnvPart;

/// <summary>A key of a Secret the overlay generates from a git-ignored file; the value never passes through the publisher.</summary>
public sealed record SecretValue(string SecretName, string Key, bool Optional = false) : EnvPart
{
    /// <summary>The helper variable a composite value expands with <c>$(NAME)</c>.</summary>
    public string VariableName => "SECRET_" + new string([.. $"{SecretName}_{Key}".ToUpperInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '_')]);
}
