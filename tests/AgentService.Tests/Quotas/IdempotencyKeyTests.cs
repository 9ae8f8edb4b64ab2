using System.Net.Http.Json;

namespace Platform.AgentService.Tests.Quotas;

/// <summary>
/// Client ids may contain <c>:</c> (a JWT subject such as <c>acme:1</c>). Such a client must not be able to take
/// another client's idempotency key. Called as the gateway would forward the two identities.
/// </summary>
public sealed class IdempotencyKeyTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task A_client_id_with_a_colon_cannot_take_another_clients_idempotency_key()
    {
        using var attacker = fixture.Host.ClientFor("acme");
        using var victim = fixture.Host.ClientFor("acme:1");
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
            Content = JsonContent.Create(new { agent_id = agent, input = "acme:1's question", background = true }),
        };
        request.Headers.Add("Idempotency-Key", key);
        var response = await client.SendAsync(request);
        var body = await response.JsonAsync();
        Assert.True(response.IsSuccessStatusCode, body.ToJsonString());
        return body["id"]!.GetValue<string>();
    }
}
