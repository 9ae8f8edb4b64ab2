using k8s;
using k8s.Models;

namespace Platform.Hosting.Kubernetes.Manifests.Autoscaling;

/// <summary>A KEDA <c>TriggerAuthentication</c>: scaler parameters read from a Secret, never written into a manifest.</summary>
[KubernetesEntity(Group = "keda.sh", ApiVersion = "v1alpha1", Kind = "TriggerAuthentication", PluralName = "triggerauthentications")]
public sealed class TriggerAuthentication : IKubernetesObject<V1ObjectMeta>
{
    public const string ApiVersionAndKind = "keda.sh/v1alpha1/TriggerAuthentication";
    public const string KubeKind = "TriggerAuthentication";

    public string ApiVersion { get; set; } = "keda.sh/v1alpha1";
    public string Kind { get; set; } = KubeKind;
    public V1ObjectMeta Metadata { get; set; } = new();
    public TriggerAuthenticationSpec Spec { get; set; } = new();
}

public sealed class TriggerAuthenticationSpec
{
    public List<SecretTargetRef> SecretTargetRef { get; set; } = [];
}

public sealed class SecretTargetRef
{
    public string Parameter { get; set; } = "";
    public string Name { get; set; } = "";
    public string Key { get; set; } = "";
}
