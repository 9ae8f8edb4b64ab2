using k8s.Models;
using Platform.Hosting.Kubernetes.Graph;

namespace Platform.Hosting.Kubernetes.Manifests;

/// <summary>The ClusterIP Service of a workload: every port by name, on the number the container listens on.</summary>
public static class ServiceManifest
{
    public static V1Service Build(Workload workload, IDictionary<string, string> labels, string? name = null, bool headless = false) => new()
    {
        ApiVersion = "v1",
        Kind = V1Service.KubeKind,
        Metadata = WorkloadLabels.Metadata(name ?? workload.Name, labels),
        Spec = new V1ServiceSpec
        {
            Type = "ClusterIP",
            ClusterIP = headless ? "None" : null,
            Selector = WorkloadLabels.Selector(workload.Name),
            Ports = [.. workload.Ports.Select(port => new V1ServicePort
            {
                Name = port.Name,
                Port = port.Number,
                TargetPort = port.Name,
                Protocol = "TCP",
            })],
        },
    };
}
