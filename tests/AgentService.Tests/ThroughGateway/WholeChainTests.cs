using System.Net.Http.Json;
using Platform.TestSupport;

namespace Platform.AgentService.Tests.ThroughGateway;

/// <summary>Client -> gateway -> agents -> models -> provider, every hop real except the provider.</summary>
public sealed class WholeChainTests : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private ScriptedLlmServer _provider = null!;
    private ModelsHost _models = null!;
    private AgentServiceHost _agents = null!;
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _provider = await ScriptedLlmServer.StartAsync();
        _models = await ModelsHost.StartAsync(_provider, _redis.ConnectionString);
        _agents = new AgentServiceHost(_redis.ConnectionString, _models.BaseUrl);
        _gateway = new GatewayHost(_redis.ConnectionString, _agents);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _agents.DisposeAsync();
        await _models.DisposeAsync();
        await _provider.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task A_streamed_run_gets_its_tokens_from_the_models_service_as_it_streams_them()
    {
        var client = _gateway.Client;
        var agent = await client.CreateAgentAsync(tools: new[] { new { type = "current_time" } }, model: "scripted-model");
        var thread = await client.CreateThreadAsync();
        _provider.Enqueue(ScriptedReply.Call("current_time", """{"zone":"UTC"}"""), ScriptedReply.Stream("Through ", "every ", "hop."));

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/threads/{thread}/runs") { Content = JsonContent.Create(new { agent_id = agent, input = "Time?", stream = true }) };
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var reader = new SseReader(await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead));
        var events = await reader.ToEndAsync();

        Assert.True(events[^1].Status() == "succeeded", string.Join("\n", events.Select(e => $"{e.Type} {e.Data.ToJsonString()}")));
        Assert.Equal("Through every hop.", StreamedText.Of(events));
        Assert.Equal("Through every hop.", events[^1].Data["output"]!.GetValue<string>());
        Assert.Contains(events, e => e.Type == "tool_call.delta" && e.Data["name"]!.GetValue<string>() == "current_time");
        Assert.Contains(events, e => e.Type == "tool.call");
        // The agent service asked the models service to stream, and it asked the provider to.
        Assert.All(_provider.ChatRequests, r => Assert.True(r.Body["stream"]?.GetValue<bool>()));
    }
}
