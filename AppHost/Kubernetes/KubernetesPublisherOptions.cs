using System.ComponentModel.DataAnnotations;

namespace Platform.AppHost.Kubernetes;

/// <summary>
/// What the Kubernetes publisher needs beyond the app model: where images live, how the cluster is wired
/// (collector, ingress controller, DNS) and what differs per environment. Bound from the AppHost configuration
/// section <c>Kubernetes</c>, so <c>--Kubernetes:Registry=...</c> on the publish command line overrides a default.
/// </summary>
public sealed class KubernetesPublisherOptions
{
    public const string SectionName = "Kubernetes";

    /// <summary>Images are <c>{Registry}/{resource}:{tag}</c>.</summary>
    [Required]
    public string Registry { get; set; } = "registry.example.com/platform";

    /// <summary>Label value of <c>app.kubernetes.io/part-of</c> and prefix of every namespace.</summary>
    [Required]
    public string PartOf { get; set; } = "platform";

    /// <summary>The port every project listens on inside its container (<c>HTTP_PORTS</c>).</summary>
    [Range(1024, 65535)]
    public int ContainerPort { get; set; } = 8080;

    /// <summary>Non-root user and group every container runs as; above 10000 so it never maps to a host account.</summary>
    [Range(10000, int.MaxValue)]
    public long RunAsUser { get; set; } = 10001;

    /// <summary>Process-up endpoint served by ServiceDefaults; the readiness path comes from the graph's health check.</summary>
    [Required]
    public string LivenessPath { get; set; } = "/health/live";

    [Required]
    public string DefaultReadinessPath { get; set; } = "/health/ready";

    [Required]
    public string MetricsPath { get; set; } = "/metrics";

    /// <summary>The in-cluster OpenTelemetry Collector (OTLP gRPC) every workload exports to.</summary>
    [Required]
    public Uri OtlpEndpoint { get; set; } = new("http://otel-collector:4317");

    /// <summary>
    /// Namespace of the collector and Prometheus, which NetworkPolicies let scrape and receive telemetry.
    /// Empty (the default): the environment's own namespace, where each overlay includes <c>deploy/monitoring</c>.
    /// </summary>
    public string MonitoringNamespace { get; set; } = "";

    /// <summary>The monitoring stack every overlay includes (relative to the overlay), unless cleared.</summary>
    public const string MonitoringStack = "../../../monitoring";

    /// <summary>Namespace of the ingress controller, the only caller of the gateway from outside the namespace.</summary>
    [Required]
    public string IngressControllerNamespace { get; set; } = "ingress-nginx";

    [Required]
    public string DnsNamespace { get; set; } = "kube-system";

    [Required]
    public string DnsPodLabel { get; set; } = "kube-dns";

    /// <summary>
    /// Also describe scraping with Prometheus Operator ServiceMonitors (the pod annotations are always there).
    /// Off by default: the cluster needs the operator's CRDs.
    /// </summary>
    public bool ServiceMonitors { get; set; }

    /// <summary>Persistent volume size of each Redis replica.</summary>
    [Required]
    public string RedisStorage { get; set; } = "1Gi";

    /// <summary>Address ranges that egress to external providers never reaches: private, link-local (cloud metadata).</summary>
    public List<string> PrivateRanges { get; set; } = [];

    /// <summary>The environments, one overlay each, keyed by overlay name.</summary>
    public Dictionary<string, EnvironmentProfile> Environments { get; set; } = new(StringComparer.Ordinal);

    internal static readonly string[] DefaultPrivateRanges = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16", "100.64.0.0/10"];

    /// <summary>The defaults the committed <c>deploy/kubernetes/</c> is published with.</summary>
    public static KubernetesPublisherOptions CreateDefault() => new()
    {
        PrivateRanges = [.. DefaultPrivateRanges],
        Environments = new(StringComparer.Ordinal)
        {
            ["dev"] = new()
            {
                ImageTag = "dev",
                MinReplicas = 1,
                MaxReplicas = 2,
                Host = "platform.dev.example.com",
                TlsSecret = "platform-dev-tls",
                Sizing = ResourceSizing.Small,
                ExtraResources = [MonitoringStack],
            },
            ["staging"] = new()
            {
                ImageTag = "0.1.0",
                MinReplicas = 2,
                MaxReplicas = 4,
                Host = "platform.staging.example.com",
                TlsSecret = "platform-staging-tls",
                Sizing = ResourceSizing.Medium,
                ExtraResources = [MonitoringStack],
            },
            ["production"] = new()
            {
                ImageTag = "0.1.0",
                MinReplicas = 3,
                MaxReplicas = 10,
                Host = "platform.example.com",
                TlsSecret = "platform-tls",
                SpreadAcrossZones = true,
                Sizing = ResourceSizing.Large,
                ExtraResources = [MonitoringStack],
            },
        },
    };

    /// <summary>Stops a publish whose options would produce manifests the policy tests reject.</summary>
    public void Validate()
    {
        Validator.ValidateObject(this, new ValidationContext(this), validateAllProperties: true);
        if (Environments.Count == 0)
        {
            throw new ValidationException("Kubernetes:Environments needs at least one environment.");
        }

        foreach (var (name, profile) in Environments)
        {
            Validator.ValidateObject(profile, new ValidationContext(profile), validateAllProperties: true);
            foreach (var external in profile.ExternalServices.Values)
            {
                Validator.ValidateObject(external, new ValidationContext(external), validateAllProperties: true);
            }

            if (name != "dev" && profile.ImageTag is "latest")
            {
                throw new ValidationException($"Kubernetes:Environments:{name}:ImageTag is 'latest'; only dev may float, give a version tag.");
            }

            if (profile.MaxReplicas < profile.MinReplicas)
            {
                throw new ValidationException($"Kubernetes:Environments:{name}: MaxReplicas is below MinReplicas.");
            }
        }
    }
}

/// <summary>What one environment (overlay) sets differently.</summary>
public sealed class EnvironmentProfile
{
    /// <summary>Namespace of the environment; <c>{PartOf}-{environment}</c> when empty.</summary>
    public string? Namespace { get; set; }

    /// <summary>Tag of every project image; <c>latest</c> is refused outside dev.</summary>
    [Required]
    public string ImageTag { get; set; } = "";

    /// <summary>Autoscaler bounds of every project; the disruption budget keeps one below the minimum.</summary>
    [Range(1, 1000)]
    public int MinReplicas { get; set; } = 1;

    [Range(1, 1000)]
    public int MaxReplicas { get; set; } = 2;

    [Required]
    public string IngressClass { get; set; } = "nginx";

    [Required]
    public string Host { get; set; } = "";

    /// <summary>Secret holding the certificate of <see cref="Host"/> (for example issued by cert-manager).</summary>
    [Required]
    public string TlsSecret { get; set; } = "";

    /// <summary>Topology spread across zones and nodes; needs nodes labelled <c>topology.kubernetes.io/zone</c>.</summary>
    public bool SpreadAcrossZones { get; set; }

    /// <summary>Requests and limits of every workload in this environment, unless <see cref="Workloads"/> names it.</summary>
    [Required]
    public ResourceSizing Sizing { get; set; } = ResourceSizing.Small;

    /// <summary>Per-resource requests and limits, keyed by resource name.</summary>
    public Dictionary<string, ResourceSizing> Workloads { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Extra kustomize resources or components added to the overlay, relative to it (for example
    /// <c>../../../monitoring</c>), so monitoring objects deploy with the environment without editing generated files.
    /// </summary>
    public List<string> ExtraResources { get; set; } = [];

    /// <summary>
    /// Resources this environment takes from outside the cluster instead of running them, keyed by resource name
    /// (a managed Redis in production): clients read <c>ConnectionStrings__{name}</c> from the Secret
    /// <c>{name}-connection-string</c> and may reach only the given address range.
    /// </summary>
    public Dictionary<string, ExternalService> ExternalServices { get; set; } = new(StringComparer.Ordinal);

    public string NamespaceFor(string partOf, string environment) =>
        string.IsNullOrWhiteSpace(Namespace) ? $"{partOf}-{environment}" : Namespace;

    public ResourceSizing SizingFor(string resource) => Workloads.GetValueOrDefault(resource) ?? Sizing;
}

/// <summary>A managed service outside the cluster: where it is, so egress to it can be allowed and nothing else.</summary>
public sealed class ExternalService
{
    /// <summary>Address range of the service (its private endpoint or VNet range), for example <c>10.20.0.0/24</c>.</summary>
    [Required]
    public string Cidr { get; set; } = "";

    /// <summary>Port of the service; managed Redis offerings listen with TLS on 6380.</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 6380;
}

/// <summary>Requests and limits of one container, in Kubernetes quantities.</summary>
public sealed class ResourceSizing
{
    [Required] public string CpuRequest { get; set; } = "100m";
    [Required] public string CpuLimit { get; set; } = "500m";
    [Required] public string MemoryRequest { get; set; } = "256Mi";
    [Required] public string MemoryLimit { get; set; } = "512Mi";
    [Required] public string EphemeralStorageRequest { get; set; } = "64Mi";
    [Required] public string EphemeralStorageLimit { get; set; } = "256Mi";

    public static ResourceSizing Small => new();

    public static ResourceSizing Medium => new()
    {
        CpuRequest = "250m", CpuLimit = "1", MemoryRequest = "512Mi", MemoryLimit = "1Gi",
        EphemeralStorageRequest = "128Mi", EphemeralStorageLimit = "512Mi",
    };

    public static ResourceSizing Large => new()
    {
        CpuRequest = "500m", CpuLimit = "2", MemoryRequest = "1Gi", MemoryLimit = "2Gi",
        EphemeralStorageRequest = "256Mi", EphemeralStorageLimit = "1Gi",
    };
}
