using k8s;
using k8s.Models;

namespace Platform.Hosting.Kubernetes.Manifests.Edge;

/// <summary>A Gateway API <c>Gateway</c> (gateway.networking.k8s.io/v1), the part of it the platform uses.</summary>
[KubernetesEntity(Group = "gateway.networking.k8s.io", ApiVersion = "v1", Kind = "Gateway", PluralName = "gateways")]
public sealed class GatewayApiGateway : IKubernetesObject<V1ObjectMeta>
{
    public const string ApiVersionAndKind = "gateway.networking.k8s.io/v1/Gateway";
    public const string KubeKind = "Gateway";

    public string ApiVersion { get; set; } = "gateway.networking.k8s.io/v1";
    public string Kind { get; set; } = KubeKind;
    public V1ObjectMeta Metadata { get; set; } = new();
    public GatewaySpec Spec { get; set; } = new();
}

public sealed class GatewaySpec
{
    public string GatewayClassName { get; set; } = "";
    public List<GatewayListener> Listeners { get; set; } = [];
}

public sealed class GatewayListener
{
    public string Name { get; set; } = "";
    public string? Hostname { get; set; }
    public int Port { get; set; }
    public string Protocol { get; set; } = "HTTPS";
    public GatewayTls? Tls { get; set; }
    public GatewayAllowedRoutes? AllowedRoutes { get; set; }
}

public sealed class GatewayTls
{
    public string Mode { get; set; } = "Terminate";
    public List<ObjectReference> CertificateRefs { get; set; } = [];
}

public sealed class GatewayAllowedRoutes
{
    public RouteNamespaces Namespaces { get; set; } = new();
}

public sealed class RouteNamespaces
{
    public string From { get; set; } = "Same";
}

/// <summary>A reference by kind and name in the same namespace (certificate Secrets, policy targets, parents).</summary>
public sealed class ObjectReference
{
    public string? Group { get; set; }
    public string? Kind { get; set; }
    public string Name { get; set; } = "";
    public string? SectionName { get; set; }
}
