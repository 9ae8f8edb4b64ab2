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

    private WholeChain _chain = null!;

    public RedisServer Redis => _chain.Redis;
    public ScriptedLlmServer Llm => _chain.Provider;
    public ModelsHost Models => _chain.Models;
    public AgentServiceHost Agents => _chain.Agents;
    public GatewayHost Gateway => _chain.Gateway;

    public async Task InitializeAsync() => _chain = await WholeChain.StartAsync(
        modelSettings: new Dictionary<string, string?>
        {
            // Overrides written by a test apply to its next call.
            ["TenantQuotas:CacheDuration"] = "00:00:00",
            [ModelSettings + "MaxInputsPerRequest"] = "16",
            [ModelSettings + "QueueCapacity"] = "64",
            [ModelSettings + "QueueTokenCapacity"] = "16384",
            [ModelSettings + "TenantQueueShare"] = "0.5",
            [ModelSettings + "MaxBatchSize"] = "64",
            [ModelSettings + "MaxQueueDelay"] = "00:00:01",
        },
        tenants: Tenants);

    /// <summary>Sets one of a tenant's quota overrides, as the key admin API would.</summary>
    public async Task SetQuotaAsync(string tenant, string quota, long value)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(Redis.ConnectionString);
        await redis.GetDatabase().HashSetAsync(TenantQuotaOverrides.KeyOf(tenant), quota, value);
    }

    public async Task DisposeAsync() => await _chain.DisposeAsync();
}
