using System.Globalization;
using k8s;
using k8s.Models;
using Platform.Hosting.Kubernetes.Graph;

namespace Platform.Hosting.Kubernetes.Manifests.Edge;

/// <summary>
/// The edge of one environment for each workload with external endpoints (the gateway): a Gateway API
/// <c>Gateway</c> terminating TLS for the environment's host, a cert-manager <c>Certificate</c> for it, one
/// <c>HTTPRoute</c> per gateway route with the route's timeout, and Envoy Gateway policies for what HTTPRoute
/// cannot say: the route's body limit and how long a stream may stay silent (ADR 0016). A workload published in
/// colours gets one edge whose routes send to every colour by weight, all to the first (ADR 0039); the switch moves them.
/// </summary>
public static class EdgeManifests
{
    public const string HttpsListener = "https";

    public static IEnumerable<IKubernetesObject<V1ObjectMeta>> Build(AppGraph graph, EnvironmentSettings settings)
    {
        foreach (var colours in graph.Workloads.Where(workload => workload.IsExternal).GroupBy(workload => workload.App))
        {
            var workload = colours.First();
            var labels = WorkloadLabels.For(workload.App, ProjectManifests.Component, settings.PartOf);
            var gateway = GatewayName(workload.App);
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

            foreach (var route in ProxyRoute.Read(graph.SettingsOf(workload.Name), workload.App))
            {
                var name = $"{workload.App}-{route.Id}";
                yield return Route([.. colours], route, name, gateway, labels, settings);
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

    /// <summary>Marks the routes whose backend weights the colour switch owns; an apply of a release leaves them alone.</summary>
    public const string SwitchedLabel = "platform/traffic";
    public const string SwitchedValue = "colour-switch";

    private static HttpRoute Route(IReadOnlyList<Workload> colours, ProxyRoute route, string name, string gateway, IDictionary<string, string> labels, EnvironmentSettings settings)
    {
        var timeout = GatewayApiDuration.Format(route.Timeout + settings.Edge.TimeoutMargin);
        var coloured = colours[0].Colour is not null;
        var routeLabels = coloured
            ? new SortedDictionary<string, string>(labels, StringComparer.Ordinal) { [SwitchedLabel] = SwitchedValue }
            : labels;
        return new HttpRoute
        {
            Metadata = WorkloadLabels.Metadata(name, routeLabels),
            Spec = new HttpRouteSpec
            {
                ParentRefs = [new ObjectReference { Name = gateway, SectionName = HttpsListener }],
                Hostnames = [settings.Host],
                Rules =
                [
                    new HttpRouteRule
                    {
                        Matches = [new HttpRouteMatch { Path = new HttpPathMatch { Type = route.IsPrefix ? "PathPrefix" : "Exact", Value = route.Literal } }],
                        BackendRefs = [.. colours.Select((workload, index) => new HttpBackendRef
                        {
                            Name = workload.Name,
                            Port = workload.PrimaryPort.Number,
                            Weight = coloured ? (index == 0 ? 100 : 0) : null,
                        })],
                        Timeouts = new HttpRouteTimeouts { Request = timeout, BackendRequest = timeout },
                    },
                ],
            },
        };
    }
}
