using System.Globalization;
using k8s;
using k8s.Models;
using Platform.Hosting.Kubernetes.Graph;

namespace Platform.Hosting.Kubernetes.Manifests.Edge;

/// <summary>
/// The edge of one environment for each workload with external endpoints (the gateway): a Gateway API
/// <c>Gateway</c> terminating TLS for the environment's host, a cert-manager <c>Certificate</c> for it, one
/// <c>HTTPRoute</c> per gateway route with the route's timeout, and Envoy Gateway policies for what HTTPRoute
/// cannot say: the route's body limit and how long a stream may stay silent (ADR 0016).
/// </summary>
public static class EdgeManifests
{
    public const string HttpsListener = "https";

    public static IEnumerable<IKubernetesObject<V1ObjectMeta>> Build(AppGraph graph, EnvironmentSettings settings)
    {
        foreach (var workload in graph.Workloads.Where(workload => workload.IsExternal))
        {
            var labels = WorkloadLabels.For(workload.Name, ProjectManifests.Component, settings.PartOf);
            var gateway = GatewayName(workload.Name);
            yield return new Certificate
            {
                Metadata = WorkloadLabels.Metadata(settings.TlsSecret, labels),
                Spec = new CertificateSpec
                {
                    SecretName = settings.TlsSecret,
                    DnsNames = [settings.Host],
                    IssuerRef = new IssuerReference { Name = settings.CertificateIssuer },
                },
            };
            yield return new GatewayApiGateway
            {
                Metadata = WorkloadLabels.Metadata(gateway, labels),
                Spec = new GatewaySpec
                {
                    GatewayClassName = settings.GatewayClass,
                    Listeners =
                    [
                        new GatewayListener
                        {
                            Name = HttpsListener,
                            Hostname = settings.Host,
                            Port = 443,
                            Protocol = "HTTPS",
                            Tls = new GatewayTls { CertificateRefs = [new ObjectReference { Kind = "Secret", Name = settings.TlsSecret }] },
                            AllowedRoutes = new GatewayAllowedRoutes(),
                        },
                    ],
                },
            };
            yield return new ClientTrafficPolicy
            {
                Metadata = WorkloadLabels.Metadata(gateway, labels),
                Spec = new ClientTrafficPolicySpec
                {
                    TargetRefs = [new ObjectReference { Group = "gateway.networking.k8s.io", Kind = "Gateway", Name = gateway }],
                    Timeout = new ClientTimeout
                    {
                        Http = new HttpClientTimeout
                        {
                            StreamIdleTimeout = GatewayApiDuration.Format(settings.Edge.StreamIdleTimeout),
                            IdleTimeout = GatewayApiDuration.Format(settings.Edge.ConnectionIdleTimeout),
                        },
                    },
                },
            };

            foreach (var route in ProxyRoute.Read(graph.SettingsOf(workload.Name), workload.Name))
            {
                var name = $"{workload.Name}-{route.Id}";
                yield return Route(workload, route, name, gateway, labels, settings);
                yield return new BackendTrafficPolicy
                {
                    Metadata = WorkloadLabels.Metadata(name, labels),
                    Spec = new BackendTrafficPolicySpec
                    {
                        TargetRefs = [new ObjectReference { Group = "gateway.networking.k8s.io", Kind = "HTTPRoute", Name = name }],
                        RequestBuffer = new RequestBuffer { Limit = route.MaxRequestBodyBytes.ToString(CultureInfo.InvariantCulture) },
                    },
                };
            }
        }
    }

    public static string GatewayName(string workload) => $"{workload}-edge";

    private static HttpRoute Route(Workload workload, ProxyRoute route, string name, string gateway, IDictionary<string, string> labels, EnvironmentSettings settings)
    {
        var timeout = GatewayApiDuration.Format(route.Timeout + settings.Edge.TimeoutMargin);
        return new HttpRoute
        {
            Metadata = WorkloadLabels.Metadata(name, labels),
            Spec = new HttpRouteSpec
            {
                ParentRefs = [new ObjectReference { Name = gateway, SectionName = HttpsListener }],
                Hostnames = [settings.Host],
                Rules =
                [
                    new HttpRouteRule
                    {
                        Matches = [new HttpRouteMatch { Path = new HttpPathMatch { Type = route.IsPrefix ? "PathPrefix" : "Exact", Value = route.Literal } }],
                        BackendRefs = [new HttpBackendRef { Name = workload.Name, Port = workload.PrimaryPort.Number }],
                        Timeouts = new HttpRouteTimeouts { Request = timeout, BackendRequest = timeout },
                    },
                ],
            },
        };
    }
}
