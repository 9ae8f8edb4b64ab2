using System.Net;
using System.Net.Http.Json;
using Platform.TestSupport;

namespace Platform.AgentService.Tests;

public sealed class OwnershipTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private readonly HttpClient _alice = fixture.Host.ClientFor("alice");
    private readonly HttpClient _mallory = fixture.Host.ClientFor("mallory");

    [Fact]
    public async Task Request_without_a_client_identity_gets_401()
    {
        using var anonymous = fixture.Host.ClientFor(null);

        var response = await anonymous.GetAsync("/v1/agents");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("authentication_error", (await response.JsonAsync())["error"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task One_client_cannot_see_or_touch_another_clients_agents_threads_runs_or_collections()
    {
        fixture.Llm.Enqueue(ScriptedReply.Say("Alice's secret answer"));
        var agent = await _alice.CreateAgentAsync(instructions: "Alice's secret instructions");
        var thread = await _alice.CreateThreadAsync();
        var run = await _alice.PostJsonAsync($"/v1/threads/{thread}/runs", new { agent_id = agent, input = "hello" }, 200);
        var runId = run["id"]!.GetValue<string>();
        var collection = (await _alice.PostJsonAsync("/v1/knowledge", new { name = "alice-notes" }, 201))["id"]!.GetValue<string>();

        var attempts = new List<HttpResponseMessage>
        {
            await _mallory.GetAsync($"/v1/agents/{agent}"),
            await _mallory.PostAsJsonAsync($"/v1/agents/{agent}", new { name = "pwned" }),
            await _mallory.DeleteAsync($"/v1/agents/{agent}"),
            await _mallory.GetAsync($"/v1/threads/{thread}"),
            await _mallory.GetAsync($"/v1/threads/{thread}/messages"),
            await _mallory.DeleteAsync($"/v1/threads/{thread}"),
            await _mallory.PostAsJsonAsync($"/v1/threads/{thread}/runs", new { agent_id = agent, input = "x" }),
            await _mallory.GetAsync($"/v1/runs/{runId}"),
            await _mallory.GetAsync($"/v1/runs/{runId}/events"),
            await _mallory.PostAsync($"/v1/runs/{runId}/cancel", null),
            await _mallory.PostAsJsonAsync($"/v1/runs/{runId}/approvals", new { decisions = Array.Empty<object>() }),
            await _mallory.GetAsync($"/v1/knowledge/{collection}"),
            await _mallory.PostAsJsonAsync($"/v1/knowledge/{collection}/documents", new { text = "injected" }),
            await _mallory.PostAsJsonAsync($"/v1/knowledge/{collection}/search", new { query = "notes" }),
            await _mallory.DeleteAsync($"/v1/knowledge/{collection}"),
        };

        foreach (var response in attempts)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri} answered {(int)response.StatusCode}: {body}");
            Assert.DoesNotContain("secret", body);
        }

        // A thread of one's own does not open a door to another's agent either.
        var malloryThread = await _mallory.CreateThreadAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await _mallory.PostAsJsonAsync($"/v1/threads/{malloryThread}/runs", new { agent_id = agent, input = "x" })).StatusCode);
        Assert.DoesNotContain(agent, (await _mallory.GetJsonAsync("/v1/agents")).ToJsonString());
        Assert.DoesNotContain(collection, (await _mallory.GetJsonAsync("/v1/knowledge")).ToJsonString());

        // And nothing of Alice's changed.
        Assert.Equal("helper", (await _alice.GetJsonAsync($"/v1/agents/{agent}"))["name"]!.GetValue<string>());
        Assert.Equal("succeeded", (await _alice.GetJsonAsync($"/v1/runs/{runId}"))["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await _alice.GetAsync($"/v1/knowledge/{collection}")).StatusCode);
    }

    [Fact]
    public async Task Seeded_agent_is_shared_with_every_client_but_read_only()
    {
        var seeded = await _mallory.GetJsonAsync($"/v1/agents/{ServiceFixture.SeededAgentId}");
        Assert.True(seeded["shared"]!.GetValue<bool>());
        Assert.Contains(ServiceFixture.SeededAgentId, (await _alice.GetJsonAsync("/v1/agents")).ToJsonString());

        var update = await _mallory.PostAsJsonAsync($"/v1/agents/{ServiceFixture.SeededAgentId}", new { name = "mine now" });
        var delete = await _mallory.DeleteAsync($"/v1/agents/{ServiceFixture.SeededAgentId}");

        Assert.Equal(HttpStatusCode.Forbidden, update.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Equal("Shared clock", (await _alice.GetJsonAsync($"/v1/agents/{ServiceFixture.SeededAgentId}"))["name"]!.GetValue<string>());

        fixture.Llm.Enqueue(ScriptedReply.Say("Shared answer."));
        var thread = await _mallory.CreateThreadAsync();
        var run = await _mallory.PostJsonAsync($"/v1/threads/{thread}/runs", new { agent_id = ServiceFixture.SeededAgentId, input = "time?" }, 200);
        Assert.Equal("succeeded", run["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Agent_update_and_delete_work_for_the_owner()
    {
        var agent = await _alice.CreateAgentAsync();

        var updated = await _alice.PostJsonAsync($"/v1/agents/{agent}", new { name = "renamed", limits = new { max_steps = 4 } }, 200);
        Assert.Equal("renamed", updated["name"]!.GetValue<string>());
        Assert.Equal("test-model", updated["model"]!.GetValue<string>());
        Assert.Equal(4, updated["limits"]!["max_steps"]!.GetValue<int>());

        Assert.Equal(HttpStatusCode.OK, (await _alice.DeleteAsync($"/v1/agents/{agent}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _alice.GetAsync($"/v1/agents/{agent}")).StatusCode);
    }

    [Theory]
    [InlineData("""{"model":"m"}""", "name")]
    [InlineData("""{"name":"a"}""", "model")]
    [InlineData("""{"name":"a","model":"m","tools":[{"type":"shell"}]}""", "tools[0].type")]
    [InlineData("""{"name":"a","model":"m","tools":[{"type":"knowledge_search","collection_id":"kc_nope"}]}""", "tools[0].collection_id")]
    [InlineData("""{"name":"a","model":"m","limits":{"max_steps":0}}""", "limits.max_steps")]
    public async Task Invalid_agent_gets_400_naming_the_field(string body, string field)
    {
        var response = await _alice.PostAsync("/v1/agents", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (await response.JsonAsync())["error"]!["param"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bad_run_requests_get_404_400_or_413()
    {
        var agent = await _alice.CreateAgentAsync();
        var thread = await _alice.CreateThreadAsync();

        var unknownThread = await _alice.PostAsJsonAsync("/v1/threads/thread_missing/runs", new { agent_id = agent, input = "x" });
        var unknownAgent = await _alice.PostAsJsonAsync($"/v1/threads/{thread}/runs", new { agent_id = "agent_missing", input = "x" });
        var noInput = await _alice.PostAsJsonAsync($"/v1/threads/{thread}/runs", new { agent_id = agent });
        var hugeInput = await _alice.PostAsJsonAsync($"/v1/threads/{thread}/runs", new { agent_id = agent, input = new string('x', 1001) });
        var unknownRun = await _alice.GetAsync("/v1/runs/run_missing");

        Assert.Equal(HttpStatusCode.NotFound, unknownThread.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownAgent.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noInput.StatusCode);
        Assert.Equal("input", (await noInput.JsonAsync())["error"]!["param"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, hugeInput.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownRun.StatusCode);
    }
}
