using k8s;
using k8s.Models;

namespace Platform.Hosting.Kubernetes.Manifests.Edge;

/// <summary>
/// Envoy Gateway's <c>ClientTrafficPolicy</c> (gateway.envoyproxy.io/v1alpha1) on the Gateway: what the client side
/// of the edge keeps open, above all how long a stream may stay silent (SSE heartbeats keep it below).
/// </summary>
[KubernetesEntity(Group = "gateway.envoyproxy.io", ApiVersion = "v1alpha1", Kind = "ClientTrafficPolicy", PluralName = "clienttrafficpolicies")]
public sealed class ClientTrafficPolicy : IKubernetesObject<V1ObjectMeta>
{
    public const string ApiVersionAndKind = "gateway.envoyproxy.io/v1alpha1/ClientTrafficPolicy";
    public const string KubeKind = "ClientTrafficPolicy";

    public string ApiVersion { get; set; } = "gateway.envoyproxy.io/v1alpha1";
    public string Kind { get; set; } = KubeKind;
    public V1ObjectMeta Metadata { get; set; } = new();
    public ClientTrafficPolicySpec Spec { get; set; } = new();
}

public sealed class ClientTrafficPolicySpec
{
    public List<ObjectReference> TargetRefs { get; set; } = [];
    public ClientTimeout? Timeout { get; set; }
}

public sealed class ClientTimeout
{
    public HttpClientTimeout Http { get; set; } = new();
}

public sealed class HttpClientTimeout
{
    public string? StreamIdleTimeout { get; set; }
    public string? IdleTimeout { get; set; }
}

/// <summary>
/// Envoy Gateway's <c>BackendTrafficPolicy</c> on one HTTPRoute: the request-body limit HTTPRoute cannot express
/// (<c>requestBuffer.limit</c>, 413 at the edge) and the stream timeouts towards the gateway pods.
/// </summary>
[KubernetesEntity(Group = "gateway.envoyproxy.io", ApiVersion = "v1alpha1", Kind = "BackendTrafficPolicy", PluralName = "backendtrafficpolicies")]
public sealed class BackendTrafficPolicy : IKubernetesObject<V1ObjectMeta>
{
    public const string ApiVersionAndKind = "gateway.envoyproxy.io/v1alpha1/BackendTrafficPolicy";
    public const string KubeKind = "BackendTrafficPolicy";

    public string ApiVersion { get; set; } = "gateway.envoyproxy.io/v1alpha1";
    public string Kind { get; set; } = KubeKind;
    public V1ObjectMeta Metadata { get; set; } = new();
    public BackendTrafficPolicySpec Spec { get; set; } = new();
}

public sealed class BackendTrafficPolicySpec
{
    public List<ObjectReference> TargetRefs { get; set; } = [];
    public RequestBuffer? RequestBuffer { get; set; }
    public BackendTimeout? Timeout { get; set; }
}

public sealed class RequestBuffer
{
    /// <summary>A Kubernetes quantity (<c>16Mi</c>).</summary>
    public string Limit { get; set; } = "";
}

public sealed class BackendTimeout
{
    public HttpBackendTimeout Http { get; set; } = new();
}

public sealed class HttpBackendTimeout
{
    public string? RequestTimeout { get; set; }
}
