using k8s;
using k8s.Models;

namespace Platform.Hosting.Kubernetes.Manifests;

/// <summary>
/// The Prometheus Operator's <c>ServiceMonitor</c> (monitoring.coreos.com/v1), the part of it we use. Emitted only
/// when <see cref="KubernetesPublisherOptions.ServiceMonitors"/> is on, because the cluster needs the operator's CRDs.
/// </summary>
[KubernetesEntity(Group = "monitoring.coreos.com", ApiVersion = "v1", Kind = "ServiceMonitor", PluralName = "servicemonitors")]
public sealed class ServiceMonitor : IKubernetesObject<V1ObjectMeta>
{
    public const string ApiVersionAndKind = "monitoring.coreos.com/v1/ServiceMonitor";
    public const string KubeKind = "ServiceMonitor";

    public string ApiVersion { get; set; } = "monitoring.coreos.com/v1";
    public string Kind { get; set; } = KubeKind;
    public V1ObjectMeta Metadata { get; set; } = new();
    public ServiceMonitorSpec Spec { get; set; } = new();
}

public sealed class ServiceMonitorSpec
{
    public V1LabelSelector Selector { get; set; } = new();
    public List<ServiceMonitorEndpoint> Endpoints { get; set; } = [];
}

public sealed class ServiceMonitorEndpoint
{
    public string Port { get; set; } = "";
    public string Path { get; set; } = "";
    public string Interval { get; set; } = "30s";
}
