using Microsoft.Extensions.Configuration;
using Platform.Hosting.Kubernetes.Graph;

namespace Platform.Hosting.Kubernetes.UnitTests.Support;

/// <summary>A small graph written by hand, shaped like the platform's: a public gateway, a backend, Redis.</summary>
public static class SampleGraph
{
    public static Workload Gateway { get; } = Project("gateway", isExternal: true,
        [new EnvVar("Limits__RouteTimeout", [new Literal("00:01:40")]),
         new EnvVar("ConnectionStrings__redis", [new Literal("redis:6379,password="), new SecretValue("redis-password", "value")])]);

    public static Workload Models { get; } = Project("models", isExternal: false,
        [new EnvVar("ConnectionStrings__llm", [new SecretValue("llm", "value", Optional: true)])],
        [new ExternalEgress("llm", 443)]);

    public static Workload Redis { get; } = new(
        "redis", WorkloadKind.Redis, "docker.io/library/redis:8.2",
        [new WorkloadPort("tcp", 6379, "tcp")],
        [new EnvVar("REDIS_PASSWORD", [new SecretValue("redis-password", "value")])],
        IsExternal: false, ReadinessPath: "", ExternalEgress: []);

    public static AppGraph Graph { get; } = new(
        [Gateway, Models, Redis],
        [new GraphEdge("gateway", "models"), new GraphEdge("gateway", "redis")]);

    /// <summary>
    /// The same graph with the gateway's own routes (what the edge follows) and the models service scaled on its
    /// queue depth (what KEDA follows).
    /// </summary>
    public static AppGraph WithServiceSettings { get; } = Graph with
    {
        Settings = new Dictionary<string, IConfiguration>(StringComparer.Ordinal)
        {
            ["gateway"] = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                [ProxyRoute.DefaultBodyLimitKey] = "1048576",
                [ProxyRoute.DefaultTimeoutKey] = "00:01:40",
                ["ReverseProxy:Routes:chat:Match:Path"] = "/v1/chat/completions",
                ["ReverseProxy:Routes:chat:Timeout"] = "00:05:00",
                ["ReverseProxy:Routes:files:Match:Path"] = "/v1/files/{**rest}",
                ["ReverseProxy:Routes:files:MaxRequestBodySize"] = "52428800",
            }).Build(),
        },
        Backlogs = new Dictionary<string, BacklogScaling>(StringComparer.Ordinal)
        {
            ["models"] = new PrometheusBacklog("sum(platform_models_queue_depth)", PerReplica: 8),
        },
    };

    private static Workload Project(string name, bool isExternal, IReadOnlyList<EnvVar> environment, IReadOnlyList<ExternalEgress>? egress = null) => new(
        name, WorkloadKind.Project, $"registry.example.com/platform/{name}",
        [new WorkloadPort("http", 8080, "http")],
        environment, isExternal, "/health/ready", egress ?? []);
}
