using Platform.TestSupport;

namespace Platform.AgentService.Tests.ThroughGateway;

/// <summary>
/// Client -> gateway -> agents -> models -> scripted provider, every hop real except the provider: one redis-server,
/// the models service with its real ONNX model, one agent service replica and the gateway routing to both.
/// </summary>
public sealed class WholeChain : IAsyncDisposable
{
    private WholeChain(RedisServer redis, ScriptedLlmServer provider, ModelsHost models, AgentServiceHost agents, GatewayHost gateway)
    {
        Redis = redis;
        Provider = provider;
        Models = models;
        Agents = agents;
        Gateway = gateway;
    }

    public RedisServer Redis { get; }
    public ScriptedLlmServer Provider { get; }
    public ModelsHost Models { get; }
    public AgentServiceHost Agents { get; }
    public GatewayHost Gateway { get; }

    /// <param name="tenants">More gateway clients, each its own tenant (<see cref="GatewayHost.ClientFor"/>).</param>
    public static async Task<WholeChain> StartAsync(
        IReadOnlyDictionary<string, string?>? modelSettings = null,
        IDictionary<string, string?>? agentSettings = null,
        IReadOnlyList<string>? tenants = null)
    {
        var redis = await RedisServer.StartAsync();
        var provider = await ScriptedLlmServer.StartAsync();
        var models = await ModelsHost.StartAsync(provider, redis.ConnectionString, modelSettings);
        var agents = new AgentServiceHost(redis.ConnectionString, models.BaseUrl, agentSettings);
        var gateway = new GatewayHost(redis.ConnectionString, [agents], models.Address, tenants ?? []);
        return new WholeChain(redis, provider, models, agents, gateway);
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Agents.DisposeAsync();
        await Models.DisposeAsync();
        await Provider.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
