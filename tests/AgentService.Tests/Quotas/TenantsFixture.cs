using Platform.AgentService.Tests.ThroughGateway;
using Platform.ServiceDefaults.Tenancy;
using Platform.TestSupport;
using StackExchange.Redis;

namespace Platform.AgentService.Tests.Quotas;

/// <summary>
/// A redis-server, the scripted model, one agent service replica (two run slots) and the gateway in front of it, with
/// many API keys, each its own tenant, so every test attacks as a tenant of its own. Quota overrides are written to
/// the tenant's hash in Redis, as the key admin API does, and read without caching.
/// </summary>
public sealed class TenantsFixture : IAsyncLifetime
{
    public const int RunSlots = 2;

    private static readonly string[] Tenants = [.. Enumerable.Range(1, 24).Select(i => $"tenant-{i}")];
    private int _next;

    public RedisServer Redis { get; private set; } = null!;
    public ScriptedLlmServer Llm { get; private set; } = null!;
    public AgentServiceHost Agents { get; private set; } = null!;
    public GatewayHost Gateway { get; private set; } = null!;
    public ConnectionMultiplexer Connection { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        Llm = await ScriptedLlmServer.StartAsync();
        Agents = new AgentServiceHost(Redis.ConnectionString, Llm.BaseUrl, new Dictionary<string, string?>
        {
            ["TenantQuotas:CacheDuration"] = "00:00:00",
            ["Runs:MaxConcurrentRuns"] = RunSlots.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Knowledge:ChunkTokens"] = "100",
            ["Knowledge:ChunkOverlapTokens"] = "20",
            ["Knowledge:MaxDocumentChars"] = "5000",
            ["Knowledge:MaxChunksPerDocument"] = "8",
            ["Knowledge:MaxChunksPerCollection"] = "10",
        });
        Gateway = new GatewayHost(Redis.ConnectionString, Tenants, Agents);
        Connection = await ConnectionMultiplexer.ConnectAsync(Redis.ConnectionString);
    }

    /// <summary>A tenant no other test has used, with these quota overrides, and a client that calls as it.</summary>
    public async Task<(string Tenant, HttpClient Client)> NewTenantAsync(params (string Quota, long Value)[] quotas)
    {
        var tenant = Tenants[Interlocked.Increment(ref _next) - 1];
        if (quotas.Length > 0)
        {
            await Connection.GetDatabase().HashSetAsync(TenantQuotaOverrides.KeyOf(tenant), [.. quotas.Select(q => new HashEntry(q.Quota, q.Value))]);
        }

        return (tenant, Gateway.ClientFor(tenant));
    }

    public async Task DisposeAsync()
    {
        await Connection.DisposeAsync();
        await Gateway.DisposeAsync();
        await Agents.DisposeAsync();
        await Llm.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
