using Platform.Hosting.Kubernetes.Graph;
using Platform.Hosting.Kubernetes.UnitTests.Support;

namespace Platform.Hosting.Kubernetes.UnitTests;

public sealed class ColouredGraphTests
{
    private static readonly AppGraph Graph = SampleGraph.Graph with
    {
        Workloads =
        [
            SampleGraph.Gateway with
            {
                Environment =
                [
                    .. SampleGraph.Gateway.Environment,
                    new EnvVar("services__models__http__0", [new Literal("http://models-pods:8080")]),
                    new EnvVar("MODELS_HTTP", [new Literal("http://models:8080")]),
                ],
            },
            SampleGraph.Models,
            SampleGraph.Redis,
        ],
    };

    [Fact]
    public void Every_project_runs_in_both_colours_and_redis_once()
    {
        var coloured = ColouredGraph.Build(Graph);

        Assert.Equal(["gateway-blue", "gateway-green", "models-blue", "models-green", "redis"], coloured.Workloads.Select(workload => workload.Name));
        Assert.Equal(["gateway", "gateway", "models", "models", "redis"], coloured.Workloads.Select(workload => workload.App));
        Assert.Equal(["blue", "green", "blue", "green", null], coloured.Workloads.Select(workload => workload.Colour));
    }

    [Fact]
    public void Each_colour_calls_its_own_colour_and_shares_redis()
    {
        var coloured = ColouredGraph.Build(Graph);

        Assert.Equal(
            [("gateway-blue", "models-blue"), ("gateway-blue", "redis"), ("gateway-green", "models-green"), ("gateway-green", "redis")],
            coloured.Edges.Select(edge => (edge.From, edge.To)).Order());
    }

    [Fact]
    public void Addresses_move_to_the_colour_s_services_while_setting_names_and_secrets_stay()
    {
        var green = ColouredGraph.Build(Graph)["gateway-green"];

        string Value(string name) => green.Environment.Single(variable => variable.Name == name).PlainValue;
        Assert.Equal("http://models-green-pods:8080", Value("services__models__http__0"));
        Assert.Equal("http://models-green:8080", Value("MODELS_HTTP"));
        var redis = green.Environment.Single(variable => variable.Name == "ConnectionStrings__redis");
        Assert.Equal([new Literal("redis:6379,password="), new SecretValue("redis-password", "value")], redis.Parts);
    }
}
