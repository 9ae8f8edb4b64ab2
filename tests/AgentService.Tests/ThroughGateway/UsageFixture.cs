using Platform.ServiceDefaults.Tenancy;
using Platform.TestSupport;
using StackExchange.Redis;

namespace Platform.AgentService.Tests.ThroughGateway;

/// <summary>
/// Client -> gateway -> models (real ONNX model, usage and quotas on a real redis-server) and -> agents -> models, with
/// several clients, each its own tenant. The embedding queue is small, and its first batch waits up to a second, so
/// one tenant can fill its share of it within a test.
/// </summary>
public sealed class UsageFixture : IAsyncLifetime
{
    public const string Model = "all-minilm-l6-v2";
    public const string ModelSettings = "ModelServing:EmbeddingModels:" + Model + ":";
    public static readonly string[] Tenants = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "flooder", "bystander"];

    public RedisServer Redis { get; private set; } = null!;
    public ScriptedLlmServer Llm { get; private set; } = null!;
    public ModelsHost Models { get; private set; } = null!;
    public AgentServiceHost Agents { get; private set; } = null!;
    public GatewayHost Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        Llm = await ScriptedLlmServer.StartAsync();
        Models = await ModelsHost.StartAsync(Llm, Redis.ConnectionString, new Dictionary<string, string?>
        {
            // Overrides written by a test apply to its next call.
            ["TenantQuotas:CacheDuration"] = "00:00:00",
            [ModelSettings + "MaxInputsPerRequest"] = "16",
            [ModelSettings + "QueueCapacity"] = "64",
            [ModelSettings + "QueueTokenCapacity"] = "16384",
            [ModelSettings + "TenantQueueShare"] = "0.5",
            [ModelSettings + "MaxBatchSize"] = "64",
            [ModelSettings + "MaxQueueDelay"] = "00:00:01",
        });
        Agents = new AgentServiceHost(Redis.ConnectionString, Models.BaseUrl);
        Gateway = new GatewayHost(Redis.ConnectionString, [Agents], Models.Address, Tenants);
    }

    /// <summary>Sets one of a tenant's quota overrides, as the key admin API would.</summary>
    public async Task SetQuotaAsync(string tenant, string quota, long value)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(Redis.ConnectionString);
        await redis.GetDatabase().HashSetAsync(TenantQuotaOverrides.KeyOf(tenant), quota, value);
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Agents.DisposeAsync();
        await Models.DisposeAsync();
        await Llm.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
