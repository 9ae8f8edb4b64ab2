using k8s;
using k8s.Models;

namespace Platform.Hosting.Kubernetes.Manifests.Edge;

/// <summary>A cert-manager <c>Certificate</c> (cert-manager.io/v1): the Gateway's TLS Secret, issued and renewed.</summary>
[KubernetesEntity(Group = "cert-manager.io", ApiVersion = "v1", Kind = "Certificate", PluralName = "certificates")]
public sealed class Certificate : IKubernetesObject<V1ObjectMeta>
{
    public const string ApiVersionAndKind = "cert-manager.io/v1/Certificate";
    public const string KubeKind = "Certificate";

    public string ApiVersion { get; set; } = "cert-manager.io/v1";
    public string Kind { get; set; } = KubeKind;
    public V1ObjectMeta Metadata { get; set; } = new();
    public CertificateSpec Spec { get; set; } = new();
}

public sealed class CertificateSpec
{
    public string SecretName { get; set; } = "";
    public List<string> DnsNames { get; set; } = [];
    public IssuerReference IssuerRef { get; set; } = new();
}

public sealed class IssuerReference
{
    public string Group { get; set; } = "cert-manager.io";
    public string Kind { get; set; } = "ClusterIssuer";
    public string Name { get; set; } = "";
}
