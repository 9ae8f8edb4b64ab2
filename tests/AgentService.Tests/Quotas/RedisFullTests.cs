using System.Net;
using System.Net.Http.Json;
using Platform.AgentService.Tests.ThroughGateway;
using Platform.TestSupport;
using StackExchange.Redis;

namespace Platform.AgentService.Tests.Quotas;

/// <summary>
/// Redis started with a tiny <c>maxmemory</c> and <c>noeviction</c>, as the platform runs it, then filled: writes
/// through the gateway answer 507 <c>storage_full</c>, reads keep working, nothing stored is lost, and writes work
/// again once there is room.
/// </summary>
public sealed class RedisFullTests : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private ScriptedLlmServer _llm = null!;
    private AgentServiceHost _agents = null!;
    private GatewayHost _gateway = null!;
    private ConnectionMultiplexer _connection = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync("--maxmemory", "16mb", "--maxmemory-policy", "noeviction");
        _llm = await ScriptedLlmServer.StartAsync();
        _agents = new AgentServiceHost(_redis.ConnectionString, _llm.BaseUrl);
        _gateway = new GatewayHost(_redis.ConnectionString, _agents);
        _connection = await ConnectionMultiplexer.ConnectAsync($"{_redis.ConnectionString},allowAdmin=true");
    }

    public async Task DisposeAsync()
    {
        await _connection.DisposeAsync();
        await _gateway.DisposeAsync();
        await _agents.DisposeAsync();
        await _llm.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task A_full_redis_answers_507_to_writes_while_reads_keep_working_and_nothing_stored_is_lost()
    {
        var client = _gateway.Client;
        var agent = await client.CreateAgentAsync(instructions: "Stay.");
        var thread = await client.CreateThreadAsync();
        _llm.Enqueue(ScriptedReply.Say("Stored answer."));
        await client.PostJsonAsync($"/v1/threads/{thread}/runs", new { agent_id = agent, input = "Question" }, 200);
        var filler = await FillAsync();

        var newThread = await client.PostAsJsonAsync("/v1/threads", new { });
        var newAgent = await client.PostAsJsonAsync("/v1/agents", new { name = "more", model = "test-model" });
        var newRun = await client.PostAsJsonAsync($"/v1/threads/{thread}/runs", new { agent_id = agent, input = "Another", background = true });

        foreach (var refused in new[] { newThread, newAgent, newRun })
        {
            var body = await refused.JsonAsync();
            Assert.True(refused.StatusCode == HttpStatusCode.InsufficientStorage, $"{(int)refused.StatusCode}: {body.ToJsonString()}");
            Assert.Equal("storage_full", body["error"]!["code"]!.GetValue<string>());
        }

        Assert.Equal("Stay.", (await client.GetJsonAsync($"/v1/agents/{agent}"))["instructions"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/v1/threads/{thread}")).StatusCode);
        Assert.Equal([("user", "Question"), ("assistant", "Stored answer.")], await client.HistoryAsync(thread));

        await _connection.GetDatabase().KeyDeleteAsync(filler);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/v1/threads", new { })).StatusCode);
    }

    /// <summary>
    /// Writes junk until Redis refuses even small values (a large value's own request buffer counts against
    /// <c>maxmemory</c> while it is refused, so after large ones there is still room for small ones); returns the keys.
    /// </summary>
    private async Task<RedisKey[]> FillAsync()
    {
        var db = _connection.GetDatabase();
        var written = new List<RedisKey>();
        foreach (var size in new[] { 256 * 1024, 4 * 1024, 64 })
        {
            var block = new string('x', size);
            for (var i = 0; ; i++)
            {
                RedisKey key = $"filler:{size}:{i}";
                try
                {
                    await db.StringSetAsync(key, block);
                    written.Add(key);
                }
                catch (RedisServerException exception) when (exception.Message.StartsWith("OOM", StringComparison.Ordinal))
                {
                    break;
                }
            }
        }

        // At the edge, a freed buffer lets the odd small write in; a limit a little below what is used makes the
        // Redis unambiguously full, as it is when a tenant-less flood has hit maxmemory.
        var server = _connection.GetServer(_connection.GetEndPoints()[0]);
        var used = long.Parse((await server.InfoAsync("memory")).SelectMany(g => g).First(e => e.Key == "used_memory").Value, System.Globalization.CultureInfo.InvariantCulture);
        await server.ConfigSetAsync("maxmemory", used - 1024 * 1024);
        return [.. written];
    }
}
