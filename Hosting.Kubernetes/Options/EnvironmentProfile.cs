using System.ComponentModel.DataAnnotations;

namespace Platform.Hosting.Kubernetes;

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

    /// <summary>GatewayClass of the edge Gateway; <c>eg</c> is Envoy Gateway's default class (ADR 0016).</summary>
    [Required]
    public string GatewayClass { get; set; } = "eg";

    /// <summary>cert-manager ClusterIssuer that issues the certificate of <see cref="Host"/>.</summary>
    [Required]
    public string CertificateIssuer { get; set; } = "";

    [Required]
    public string Host { get; set; } = "";

    /// <summary>Secret the Certificate of <see cref="Host"/> is written to and the Gateway serves.</summary>
    [Required]
    public string TlsSecret { get; set; } = "";

    /// <summary>Topology spread across zones and nodes; needs nodes labelled <c>topology.kubernetes.io/zone</c>.</summary>
    public bool SpreadAcrossZones { get; set; }

    /// <summary>
    /// Zone spread is a hard rule (<c>DoNotSchedule</c>): a pod stays pending rather than crowd one zone. Needs
    /// <see cref="SpreadAcrossZones"/> and nodes in at least as many zones as the replica floor needs.
    /// </summary>
    public bool RequireZoneSpread { get; set; }

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

    /// <summary>
    /// Registry of this environment's project images (<c>{Registry}/{resource}</c>), when it has its own (one ECR
    /// per AWS account); empty: the publisher-wide <see cref="KubernetesPublisherOptions.Registry"/>.
    /// </summary>
    public string? Registry { get; set; }

    /// <summary>
    /// Publish every project twice, as <c>{name}-blue</c> and <c>{name}-green</c> sharing Redis, behind edge routes whose
    /// backend weights <c>deploy/blue-green.sh</c> switches (ADR 0039). Production only by default.
    /// </summary>
    public bool BlueGreen { get; set; }

    /// <summary>Sync the Secrets from AWS Secrets Manager instead of generating them from files; null: files.</summary>
    public ExternalSecretsProfile? ExternalSecrets { get; set; }
}
