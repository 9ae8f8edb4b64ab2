using k8s;
using k8s.Models;

namespace Platform.Hosting.Kubernetes.Manifests.Autoscaling;

/// <summary>
/// A <c>VerticalPodAutoscaler</c> (autoscaling.k8s.io/v1) in recommendation mode: it measures what each container
/// really uses and recommends requests, and never evicts a pod to apply them.
/// </summary>
[KubernetesEntity(Group = "autoscaling.k8s.io", ApiVersion = "v1", Kind = "VerticalPodAutoscaler", PluralName = "verticalpodautoscalers")]
public sealed class VerticalPodAutoscaler : IKubernetesObject<V1ObjectMeta>
{
    public const string ApiVersionAndKind = "autoscaling.k8s.io/v1/VerticalPodAutoscaler";
    public const string KubeKind = "VerticalPodAutoscaler";

    public string ApiVersion { get; set; } = "autoscaling.k8s.io/v1";
    public string Kind { get; set; } = KubeKind;
    public V1ObjectMeta Metadata { get; set; } = new();
    public VerticalPodAutoscalerSpec Spec { get; set; } = new();
}

public sealed class VerticalPodAutoscalerSpec
{
    public ScaleTarget TargetRef { get; set; } = new();
    public VpaUpdatePolicy UpdatePolicy { get; set; } = new();
}

public sealed class VpaUpdatePolicy
{
    /// <summary><c>Off</c>: recommendations only.</summary>
    public string UpdateMode { get; set; } = "Off";
}
