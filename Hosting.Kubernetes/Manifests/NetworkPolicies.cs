using k8s.Models;
using Platform.Hosting.Kubernetes.Graph;

namespace Platform.Hosting.Kubernetes.Manifests;

/// <summary>
/// Default deny in both directions, then exactly what the graph says: one policy per workload allowing its
/// <c>WithReference</c> edges (egress at the caller, ingress at the callee), DNS, the edge proxies to
/// external workloads, telemetry export to the collector, Prometheus scrapes, and declared external egress.
/// </summary>
public static class NetworkPolicies
{
    public const string DefaultDenyName = "default-deny";
    public const string DnsName = "allow-dns";

    public static IEnumerable<V1NetworkPolicy> Build(AppGraph graph, EnvironmentSettings settings)
    {
        yield return Policy(DefaultDenyName, new V1LabelSelector(), ingress: null, egress: null);
        yield return Policy(DnsName, new V1LabelSelector(), ingress: null, egress:
        [
            new V1NetworkPolicyEgressRule
            {
                To =
                [
                    new V1NetworkPolicyPeer
                    {
                        NamespaceSelector = NamespaceSelector(settings.DnsNamespace),
                        PodSelector = new V1LabelSelector { MatchLabels = Labels("k8s-app", settings.DnsPodLabel) },
                    },
                    .. settings.DnsAddresses.Select(address => new V1NetworkPolicyPeer { IpBlock = new V1IPBlock { Cidr = address } }),
                ],
                Ports = [Port(53, "UDP"), Port(53, "TCP")],
            },
        ]);

        foreach (var workload in graph.Workloads)
        {
            yield return Policy(
                workload.Name,
                new V1LabelSelector { MatchLabels = WorkloadLabels.Selector(workload.Name) },
                Ingress(graph, workload, settings),
                Egress(graph, workload, NoExternalServices, settings));
        }
    }

    private static List<V1NetworkPolicyIngressRule> Ingress(AppGraph graph, Workload workload, EnvironmentSettings settings)
    {
        var rules = graph.EdgesTo(workload.Name)
            .Select(edge => new V1NetworkPolicyIngressRule
            {
                FromProperty = [new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector { MatchLabels = WorkloadLabels.Selector(edge.From) } }],
                Ports = PortsOf(workload),
            })
            .ToList();

        if (workload.IsExternal)
        {
            rules.Add(new V1NetworkPolicyIngressRule
            {
                FromProperty = [new V1NetworkPolicyPeer { NamespaceSelector = NamespaceSelector(settings.Edge.ProxyNamespace) }],
                Ports = PortsOf(workload),
            });
        }

        if (workload.Kind == WorkloadKind.Redis && settings.Backup.Enabled)
        {
            // The backup job streams its snapshot from Redis (docs/operations.md "Backup").
            rules.Add(BackupManifests.RedisIngress(workload));
        }

        if (workload.Kind == WorkloadKind.Project)
        {
            // Prometheus scrapes /metrics on the service port; /v1 there needs an identity the gateway signed, so the
            // scraper can call the API only as nobody (ADR 0035).
            rules.Add(new V1NetworkPolicyIngressRule
            {
                FromProperty = [MonitoringPeer("prometheus", settings)],
                Ports = PortsOf(workload),
            });
        }

        return rules;
    }

    private static readonly Dictionary<string, ExternalService> NoExternalServices = [];

    /// <summary>Egress of one workload; an edge to a service the environment takes from outside goes to its address range.</summary>
    public static List<V1NetworkPolicyEgressRule> Egress(
        AppGraph graph, Workload workload, IReadOnlyDictionary<string, ExternalService> externalServices, EnvironmentSettings settings)
    {
        var rules = graph.EdgesFrom(workload.Name)
            .Select(edge => externalServices.TryGetValue(edge.To, out var external)
                ? new V1NetworkPolicyEgressRule
                {
                    To = [new V1NetworkPolicyPeer { IpBlock = new V1IPBlock { Cidr = external.Cidr } }],
                    Ports = [Port(external.Port, "TCP")],
                }
                : new V1NetworkPolicyEgressRule
                {
                    To = [new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector { MatchLabels = WorkloadLabels.Selector(edge.To) } }],
                    Ports = PortsOf(graph[edge.To]),
                })
            .ToList();

        if (workload.Kind == WorkloadKind.Project)
        {
            rules.Add(new V1NetworkPolicyEgressRule
            {
                To = [MonitoringPeer("otel-collector", settings)],
                Ports = [Port(settings.OtlpEndpoint.Port, "TCP")],
            });
        }

        foreach (var port in workload.ExternalEgress.Select(egress => egress.Port).Distinct().Order())
        {
            // The public internet only: never the cluster, the node network or cloud metadata.
            rules.Add(new V1NetworkPolicyEgressRule
            {
                To = [new V1NetworkPolicyPeer { IpBlock = new V1IPBlock { Cidr = "0.0.0.0/0", Except = [.. settings.PrivateRanges] } }],
                Ports = [Port(port, "TCP")],
            });
        }

        return rules;
    }

    private static V1NetworkPolicy Policy(string name, V1LabelSelector pods, IList<V1NetworkPolicyIngressRule>? ingress, IList<V1NetworkPolicyEgressRule>? egress) => new()
    {
        ApiVersion = "networking.k8s.io/v1",
        Kind = V1NetworkPolicy.KubeKind,
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1NetworkPolicySpec
        {
            PodSelector = pods,
            PolicyTypes = ingress is null && egress is not null ? ["Egress"] : ["Ingress", "Egress"],
            Ingress = ingress is { Count: > 0 } ? ingress : null,
            Egress = egress is { Count: > 0 } ? egress : null,
        },
    };

    private static List<V1NetworkPolicyPort> PortsOf(Workload workload) =>
        [.. workload.Ports.Select(port => Port(port.Number, "TCP"))];

    private static V1NetworkPolicyPort Port(int number, string protocol) => new() { Port = number, Protocol = protocol };

    /// <summary>One component of the monitoring stack, in the environment's namespace or the configured one.</summary>
    private static V1NetworkPolicyPeer MonitoringPeer(string component, EnvironmentSettings settings) => new()
    {
        PodSelector = new V1LabelSelector { MatchLabels = Labels("app.kubernetes.io/name", component) },
        NamespaceSelector = settings.MonitoringNamespace is { } monitoring ? NamespaceSelector(monitoring) : null,
    };

    private static V1LabelSelector NamespaceSelector(string name) =>
        new() { MatchLabels = Labels("kubernetes.io/metadata.name", name) };

    private static IDictionary<string, string> Labels(string key, string value) =>
        new SortedDictionary<string, string>(StringComparer.Ordinal) { [key] = value };
}
