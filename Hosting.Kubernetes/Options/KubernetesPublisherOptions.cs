using System.ComponentModel.DataAnnotations;

namespace Platform.Hosting.Kubernetes;

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

    [Required]
    public string DnsNamespace { get; set; } = "kube-system";

    [Required]
    public string DnsPodLabel { get; set; } = "kube-dns";

    /// <summary>
    /// Addresses DNS queries may also go to: NodeLocal DNSCache's link-local listener (and, where it intercepts the
    /// cluster DNS Service address, that address too). Its pods use the host network, so a pod selector misses them.
    /// </summary>
    public List<string> DnsAddresses { get; set; } = [];

    public EdgeOptions Edge { get; set; } = new();

    public AutoscalingOptions Autoscaling { get; set; } = new();

    public DrainOptions Drain { get; set; } = new();

    public RedisOptions Redis { get; set; } = new();

    /// <summary>Scheduled backups of the in-cluster Redis and the restore Job's template.</summary>
    public BackupOptions Backup { get; set; } = new();

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

    /// <summary>Building, signing and pinning the images (the <c>push-images</c> step).</summary>
    public ImageOptions Images { get; set; } = new();

    /// <summary>The environments, one overlay each, keyed by overlay name.</summary>
    public Dictionary<string, EnvironmentProfile> Environments { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The defaults the committed <c>deploy/kubernetes/</c> is published with.</summary>
    public static KubernetesPublisherOptions CreateDefault() => KubernetesPublisherDefaults.Create();
}
