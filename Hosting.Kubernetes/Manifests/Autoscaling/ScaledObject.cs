using k8s;
using k8s.Models;

namespace Platform.Hosting.Kubernetes.Manifests.Autoscaling;

/// <summary>
/// A KEDA <c>ScaledObject</c> (keda.sh/v1alpha1): KEDA owns the workload's HorizontalPodAutoscaler and feeds it the
/// work waiting (a Redis stream's lag, a Prometheus query) beside CPU and a memory guard.
/// </summary>
[KubernetesEntity(Group = "keda.sh", ApiVersion = "v1alpha1", Kind = "ScaledObject", PluralName = "scaledobjects")]
public sealed class ScaledObject : IKubernetesObject<V1ObjectMeta>
{
    public const string ApiVersionAndKind = "keda.sh/v1alpha1/ScaledObject";
    public const string KubeKind = "ScaledObject";

    public string ApiVersion { get; set; } = "keda.sh/v1alpha1";
    public string Kind { get; set; } = KubeKind;
    public V1ObjectMeta Metadata { get; set; } = new();
    public ScaledObjectSpec Spec { get; set; } = new();
}

public sealed class ScaledObjectSpec
{
    public ScaleTarget ScaleTargetRef { get; set; } = new();
    public int MinReplicaCount { get; set; }
    public int MaxReplicaCount { get; set; }
    public int PollingInterval { get; set; } = 15;
    public int CooldownPeriod { get; set; } = 300;
    public ScaledObjectAdvanced? Advanced { get; set; }
    public List<ScaleTrigger> Triggers { get; set; } = [];
}

public sealed class ScaleTarget
{
    public string ApiVersion { get; set; } = "apps/v1";
    public string Kind { get; set; } = "Deployment";
    public string Name { get; set; } = "";
}

public sealed class ScaledObjectAdvanced
{
    public HorizontalPodAutoscalerConfig HorizontalPodAutoscalerConfig { get; set; } = new();
}

public sealed class HorizontalPodAutoscalerConfig
{
    public V2HorizontalPodAutoscalerBehavior Behavior { get; set; } = new();
}

/// <summary>One KEDA scaler; <c>metadata</c> values are strings, as KEDA reads them.</summary>
public sealed class ScaleTrigger
{
    public string Type { get; set; } = "";
    public string? Name { get; set; }
    public string? MetricType { get; set; }
    public SortedDictionary<string, string> Metadata { get; set; } = new(StringComparer.Ordinal);
    public TriggerAuthenticationRef? AuthenticationRef { get; set; }
}

public sealed class TriggerAuthenticationRef
{
    public string Name { get; set; } = "";
}
