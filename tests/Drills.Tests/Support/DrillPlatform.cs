using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Platform.TestSupport;

namespace Platform.Drills.Tests.Support;

/// <summary>
/// What the drills run the services against: a real redis-server and the scripted provider, whose replies are
/// shaped like an agent's work (a tool call, then a streamed answer that takes a moment), and the settings each
/// service process gets. Replica-loss timings are shortened (visibility timeout 3 s instead of 60 s) so a lost
/// worker's runs are reclaimed within the drill.
/// </summary>
public sealed class DrillPlatform : IAsyncDisposable
{
    public const string ApiKey = "drill-key-0123456789abcdef";
    public const string ChatModel = "scripted-model";

    private readonly List<ServiceProcess> _processes = [];
    private readonly List<IDisposable> _scratch = [];

    private DrillPlatform(RedisServer redis, ScriptedLlmServer llm)
    {
        Redis = redis;
        Llm = llm;
    }

    public RedisServer Redis { get; }

    public ScriptedLlmServer Llm { get; }

    public static async Task<DrillPlatform> StartAsync()
    {
        var redis = await RedisServer.StartAsync();
        var llm = await ScriptedLlmServer.StartAsync();
        llm.WhenQueueEmpty = Reply;
        return new DrillPlatform(redis, llm);
    }

    /// <summary>A tool call when the agent offers tools and has not called one yet; otherwise an answer streamed over ~0.3 s.</summary>
    private static ScriptedReply Reply(ScriptedRequest request)
    {
        var lastRole = request.Messages.LastOrDefault()?["role"]?.GetValue<string>();
        if (request.Body["tools"] is JsonArray { Count: > 0 } && lastRole != "tool")
        {
            return ScriptedReply.Call("current_time", "{}");
        }

        return new ScriptedReply("It is time to answer.", Gate: Task.Delay(300)) { Pieces = ["It ", "is ", "time ", "to ", "answer."], GateAfterPieces = 2 };
    }

    public async Task<ServiceProcess> StartModelsAsync(string name) => Track(await ServiceProcess.StartAsync(name, ServiceBinary.Models, new Dictionary<string, string>
    {
        ["ConnectionStrings:llm"] = $"Endpoint={Llm.BaseUrl};Key=test-key;Model={ChatModel}",
        // Usage counters and token quotas per tenant.
        ["ConnectionStrings:redis"] = Redis.ConnectionString,
    }));

    public async Task<ServiceProcess> StartAgentsAsync(string name, Uri models) => Track(await ServiceProcess.StartAsync(name, ServiceBinary.Agents, new Dictionary<string, string>
    {
        ["ConnectionStrings:redis"] = Redis.ConnectionString,
        ["Models:BaseUrl"] = new Uri(models, "/v1").ToString(),
        ["Runs:VisibilityTimeout"] = "00:00:03",
        ["Runs:ReclaimInterval"] = "00:00:00.500",
    }));

    /// <summary>A gateway over the given replicas, which <see cref="GatewayDestinations.Set"/> can change while it runs.</summary>
    public async Task<(ServiceProcess Gateway, GatewayDestinations Destinations)> StartGatewayAsync(string name, IEnumerable<Uri> agents, IEnumerable<Uri> models)
    {
        var destinations = new GatewayDestinations();
        _scratch.Add(destinations);
        destinations.Set(agents, models);
        var gateway = await ServiceProcess.StartAsync(name, ServiceBinary.Gateway, new Dictionary<string, string>
        {
            ["ConnectionStrings:redis"] = Redis.ConnectionString,
            ["Authentication:ApiKeys:drill:Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ApiKey))),
            ["Authentication:ApiKeys:drill:Scopes:0"] = "models",
            ["Authentication:ApiKeys:drill:Scopes:1"] = "agents",
            ["RateLimits:RequestsPerMinute"] = "1000000",
            ["RateLimits:ConcurrentStreams"] = "1000",
            // The cluster's endpoint controller drops a dead pod within a second or two; the gateway's probes match that.
            ["ReverseProxy:Clusters:agents:HealthCheck:Active:Interval"] = "00:00:01",
            ["ReverseProxy:Clusters:models:HealthCheck:Active:Interval"] = "00:00:01",
        }, destinations.ContentRoot);
        return (Track(gateway), destinations);
    }

    private ServiceProcess Track(ServiceProcess process)
    {
        lock (_processes)
        {
            _processes.Add(process);
        }

        return process;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes.AsEnumerable().Reverse())
        {
            await process.DisposeAsync();
        }

        foreach (var scratch in _scratch)
        {
            scratch.Dispose();
        }

        await Llm.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
