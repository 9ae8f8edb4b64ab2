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

    private static Workload Project(string name, bool isExternal, IReadOnlyList<EnvVar> environment, IReadOnlyList<ExternalEgress>? egress = null) => new(
        name, WorkloadKind.Project, $"registry.example.com/platform/{name}",
        [new WorkloadPort("http", 8080, "http")],
        environment, isExternal, "/health/ready", egress ?? []);
}
