using System.Net.Http.Json;
using Platform.TestSupport;

namespace Platform.AgentService.Tests.Quotas;

/// <summary>
/// A client id containing <c>:</c> must not be able to take another client's idempotency key (<c>acme</c> attacking
/// <c>acme:1</c>). The gateway no longer lets such an id through (tenant ids exclude <c>:</c>, JwtTests), so the
/// attack is made where ids with any character can still arrive: directly at the agent service, with identities
/// signed as the gateway signs them.
/// </summary>
public sealed class IdempotencyKeyTests : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private ScriptedLlmServer _llm = null!;
    private AgentServiceHost _agents = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _llm = await ScriptedLlmServer.StartAsync();
        _agents = new AgentServiceHost(_redis.ConnectionString, _llm.BaseUrl);
    }

    public async Task DisposeAsync()
    {
        await _agents.DisposeAsync();
        await _llm.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task A_client_id_with_a_colon_cannot_take_another_clients_idempotency_key()
    {
        using var attacker = SignedCaller.Client(_agents.Address, "acme");
        using var victim = SignedCaller.Client(_agents.Address, "acme:1");
        var attackerRun = await StartAsync(attacker, await attacker.CreateThreadAsync(), await attacker.CreateAgentAsync(), "1:k");
        var victimThread = await victim.CreateThreadAsync();
        var victimAgent = await victim.CreateAgentAsync();

        var first = await StartAsync(victim, victimThread, victimAgent, "k");
        var retried = await StartAsync(victim, victimThread, victimAgent, "k");

        Assert.NotEqual(attackerRun, first);
        Assert.Equal(first, retried);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await victim.GetAsync($"/v1/runs/{first}")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await attacker.GetAsync($"/v1/runs/{first}")).StatusCode);
    }

    private static async Task<string> StartAsync(HttpClient client, string thread, string agent, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/threads/{thread}/runs")
        {
            Content = JsonContent.Create(new { agent_id = agent, input = "A question", background = true }),
        };
        request.Headers.Add("Idempotency-Key", key);
        var response = await client.SendAsync(request);
        var body = await response.JsonAsync();
        Assert.True(response.IsSuccessStatusCode, body.ToJsonString());
        return body["id"]!.GetValue<string>();
    }
}
