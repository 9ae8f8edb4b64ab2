using Platform.TestSupport;

namespace Platform.AgentService.Tests.ThroughGateway;

/// <summary>A redis-server, the scripted model, one agent service replica and the gateway in front of it.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public RedisServer Redis { get; private set; } = null!;
    public ScriptedLlmServer Llm { get; private set; } = null!;
    public AgentServiceHost Agents { get; private set; } = null!;
    public GatewayHost Gateway { get; private set; } = null!;

    public HttpClient Client => Gateway.Client;

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        Llm = await ScriptedLlmServer.StartAsync();
        Agents = new AgentServiceHost(Redis.ConnectionString, Llm.BaseUrl);
        Gateway = new GatewayHost(Redis.ConnectionString, Agents);
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Agents.DisposeAsync();
        await Llm.DisposeAsync();
        await Redis.DisposeAsync();
    }
}

/// <summary>Requests the tests make through the gateway.</summary>
public static class GatewayCalls
{
    public static async Task<string> StartRunAsync(this HttpClient client, string thread, string agent, string input, string? strategy = null)
    {
        var run = await client.PostJsonAsync($"/v1/threads/{thread}/runs", new { agent_id = agent, input, background = true, multitask_strategy = strategy }, 200);
        return run["id"]!.GetValue<string>();
    }

    public static async Task<SseReader> OpenEventsAsync(this HttpClient client, string runId, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/runs/{runId}/events");
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return new SseReader(response);
    }

    public static async Task<List<SseEvent>> AllEventsAsync(this HttpClient client, string runId)
    {
        using var reader = await client.OpenEventsAsync(runId);
        return await reader.ToEndAsync();
    }

    /// <summary>The thread's history as (role, text) pairs.</summary>
    public static async Task<List<(string Role, string Text)>> HistoryAsync(this HttpClient client, string thread) =>
        (await client.GetJsonAsync($"/v1/threads/{thread}/messages"))["data"]!.AsArray()
            .Select(m => (m!["role"]!.GetValue<string>(), m["content"]!.GetValue<string>())).ToList();
}
