using k8s.Models;
using Platform.Hosting.Kubernetes.Graph;

namespace Platform.Hosting.Kubernetes.Manifests;

/// <summary>
/// One Ingress per workload with an external endpoint (the gateway), exposing only the public API under
/// <c>/v1</c>; health and metrics stay inside the cluster. Class, host and TLS secret are set per environment.
/// </summary>
public static class GatewayIngress
{
    public const string PublicPath = "/v1";

    public static V1Ingress Build(Workload workload, EnvironmentSettings settings) => new()
    {
        ApiVersion = "networking.k8s.io/v1",
        Kind = V1Ingress.KubeKind,
        Metadata = WorkloadLabels.Metadata(workload.Name, WorkloadLabels.For(workload.Name, ProjectManifests.Component, settings.PartOf)),
        Spec = Spec(workload, settings),
    };

    /// <summary>The environment-specific part, also used as the overlay's patch.</summary>
    public static V1IngressSpec Spec(Workload workload, EnvironmentSettings settings) => new()
    {
        IngressClassName = settings.IngressClass,
        Tls = [new V1IngressTLS { Hosts = [settings.Host], SecretName = settings.TlsSecret }],
        Rules =
        [
            new V1IngressRule
            {
                Host = settings.Host,
                Http = new V1HTTPIngressRuleValue
                {
                    Paths =
                    [
                        new V1HTTPIngressPath
                        {
                            Path = PublicPath,
                            PathType = "Prefix",
                            Backend = new V1IngressBackend
                            {
                                Service = new V1IngressServiceBackend
                                {
                                    Name = workload.Name,
                                    Port = new V1ServiceBackendPort { Name = workload.PrimaryPort.Name },
                                },
                            },
                        },
                    ],
                },
            },
        ],
    };
}
