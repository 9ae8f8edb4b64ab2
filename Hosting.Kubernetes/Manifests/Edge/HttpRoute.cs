using k8s;
using k8s.Models;

namespace Platform.Hosting.Kubernetes.Manifests.Edge;

/// <summary>A Gateway API <c>HTTPRoute</c> (gateway.networking.k8s.io/v1): one gateway route at the edge.</summary>
[KubernetesEntity(Group = "gateway.networking.k8s.io", ApiVersion = "v1", Kind = "HTTPRoute", PluralName = "httproutes")]
public sealed class HttpRoute : IKubernetesObject<V1ObjectMeta>
{
    public const string ApiVersionAndKind = "gateway.networking.k8s.io/v1/HTTPRoute";
    public const string KubeKind = "HTTPRoute";

    public string ApiVersion { get; set; } = "gateway.networking.k8s.io/v1";
    public string Kind { get; set; } = KubeKind;
    public V1ObjectMeta Metadata { get; set; } = new();
    public HttpRouteSpec Spec { get; set; } = new();
}

public sealed class HttpRouteSpec
{
    public List<ObjectReference> ParentRefs { get; set; } = [];
    public List<string> Hostnames { get; set; } = [];
    public List<HttpRouteRule> Rules { get; set; } = [];
}

public sealed class HttpRouteRule
{
    public List<HttpRouteMatch> Matches { get; set; } = [];
    public List<HttpBackendRef> BackendRefs { get; set; } = [];
    public HttpRouteTimeouts? Timeouts { get; set; }
}

public sealed class HttpRouteMatch
{
    public HttpPathMatch Path { get; set; } = new();
}

public sealed class HttpPathMatch
{
    /// <summary><c>Exact</c> or <c>PathPrefix</c>.</summary>
    public string Type { get; set; } = "PathPrefix";
    public string Value { get; set; } = "/";
}

public sealed class HttpBackendRef
{
    public string Name { get; set; } = "";
    public int Port { get; set; }

    /// <summary>Share of the route's requests (Gateway API default 1); set where colours split the traffic.</summary>
    public int? Weight { get; set; }
}

/// <summary>Gateway API durations (<c>30s</c>, <c>10m</c>): the whole request and each try to the backend.</summary>
public sealed class HttpRouteTimeouts
{
    public string? Request { get; set; }
    public string? BackendRequest { get; set; }
}
