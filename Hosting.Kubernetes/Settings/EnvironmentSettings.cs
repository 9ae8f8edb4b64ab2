namespace Platform.Hosting.Kubernetes;

/// <summary>
/// Everything the manifest builders need for one environment, resolved once from
/// <see cref="KubernetesPublisherOptions"/> and the environment's <see cref="EnvironmentProfile"/>. Builders read
/// these settings and nothing else; the base is built with the first environment's settings and patched by each
/// overlay.
/// </summary>
public sealed record EnvironmentSettings
{
    /// <summary>Overlay name: <c>dev</c>, <c>staging</c>, <c>production</c>.</summary>
    public required string Name { get; init; }

    public required string Namespace { get; init; }

    /// <summary>Value of <c>app.kubernetes.io/part-of</c> on every object.</summary>
    public required string PartOf { get; init; }

    public required string ImageTag { get; init; }

    /// <summary>Registry of this environment's project images when it has its own; null: the images' base registry.</summary>
    public required string? Registry { get; init; }

    public required int MinReplicas { get; init; }

    public required int MaxReplicas { get; init; }

    public required bool SpreadAcrossZones { get; init; }

    /// <summary>Zone spread is a hard rule (<c>DoNotSchedule</c>) rather than a preference.</summary>
    public required bool RequireZoneSpread { get; init; }

    public required ResourceSizing DefaultSizing { get; init; }

    public required IReadOnlyDictionary<string, ResourceSizing> WorkloadSizing { get; init; }

    /// <summary>GatewayClass of the edge Gateway.</summary>
    public required string GatewayClass { get; init; }

    /// <summary>cert-manager ClusterIssuer of the certificate of <see cref="Host"/>.</summary>
    public required string CertificateIssuer { get; init; }

    public required string Host { get; init; }

    public required string TlsSecret { get; init; }

    /// <summary>Kustomize resources the overlay adds after the base (the monitoring stack).</summary>
    public required IReadOnlyList<string> ExtraResources { get; init; }

    /// <summary>Secrets synced by External Secrets Operator instead of generated from files; null: files.</summary>
    public required ExternalSecretsProfile? ExternalSecrets { get; init; }

    /// <summary>Resources taken from outside the cluster in this environment, by resource name.</summary>
    public required IReadOnlyDictionary<string, ExternalService> ExternalServices { get; init; }

    public required long RunAsUser { get; init; }

    public required string LivenessPath { get; init; }

    public required string MetricsPath { get; init; }

    public required Uri OtlpEndpoint { get; init; }

    /// <summary>Namespace of the collector and Prometheus; null when they run in the environment's own namespace.</summary>
    public required string? MonitoringNamespace { get; init; }

    public required string DnsNamespace { get; init; }

    public required string DnsPodLabel { get; init; }

    /// <summary>Addresses DNS queries may also go to (NodeLocal DNSCache), outside any pod selector.</summary>
    public required IReadOnlyList<string> DnsAddresses { get; init; }

    /// <summary>The edge's timeouts and the namespace of its proxies.</summary>
    public required EdgeOptions Edge { get; init; }

    public required AutoscalingOptions Autoscaling { get; init; }

    /// <summary>The preStop sleep, the host's shutdown timeout and the pod's grace period.</summary>
    public required DrainOptions Drain { get; init; }

    /// <summary>The in-cluster Redis's memory cap and memory-pressure readiness.</summary>
    public required RedisOptions Redis { get; init; }

    /// <summary>Backups of the in-cluster Redis and the restore Job's template.</summary>
    public required BackupOptions Backup { get; init; }

    public required bool ServiceMonitors { get; init; }

    /// <summary>Every project in two colours behind weighted edge routes (ADR 0039).</summary>
    public required bool BlueGreen { get; init; }

    public required string RedisStorage { get; init; }

    /// <summary>Address ranges egress to external providers never reaches.</summary>
    public required IReadOnlyList<string> PrivateRanges { get; init; }

    public ResourceSizing SizingFor(string workload) => WorkloadSizing.GetValueOrDefault(workload) ?? DefaultSizing;

    /// <summary>One entry per configured environment, in configuration order.</summary>
    public static IReadOnlyList<EnvironmentSettings> Resolve(KubernetesPublisherOptions options) =>
        [.. options.Environments.Select(environment => Resolve(options, environment.Key, environment.Value))];

    public static EnvironmentSettings Resolve(KubernetesPublisherOptions options, string name, EnvironmentProfile profile) => new()
    {
        Name = name,
        Namespace = string.IsNullOrWhiteSpace(profile.Namespace) ? $"{options.PartOf}-{name}" : profile.Namespace,
        PartOf = options.PartOf,
        ImageTag = profile.ImageTag,
        Registry = string.IsNullOrWhiteSpace(profile.Registry) ? null : profile.Registry,
        ExternalSecrets = profile.ExternalSecrets,
        MinReplicas = profile.MinReplicas,
        MaxReplicas = profile.MaxReplicas,
        SpreadAcrossZones = profile.SpreadAcrossZones,
        RequireZoneSpread = profile.RequireZoneSpread,
        DefaultSizing = profile.Sizing,
        WorkloadSizing = profile.Workloads,
        GatewayClass = profile.GatewayClass,
        CertificateIssuer = profile.CertificateIssuer,
        Host = profile.Host,
        TlsSecret = profile.TlsSecret,
        ExtraResources = profile.ExtraResources,
        ExternalServices = profile.ExternalServices,
        RunAsUser = options.RunAsUser,
        LivenessPath = options.LivenessPath,
        MetricsPath = options.MetricsPath,
        OtlpEndpoint = options.OtlpEndpoint,
        MonitoringNamespace = string.IsNullOrWhiteSpace(options.MonitoringNamespace) ? null : options.MonitoringNamespace,
        DnsNamespace = options.DnsNamespace,
        DnsPodLabel = options.DnsPodLabel,
        DnsAddresses = options.DnsAddresses,
        Edge = options.Edge,
        Autoscaling = options.Autoscaling,
        Drain = options.Drain,
        Redis = options.Redis,
        Backup = options.Backup,
        ServiceMonitors = options.ServiceMonitors,
        BlueGreen = profile.BlueGreen,
        RedisStorage = options.RedisStorage,
        PrivateRanges = options.PrivateRanges,
    };
}
