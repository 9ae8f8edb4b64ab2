using System.Net.Http.Json;
using Platform.TestSupport;

namespace Platform.AgentService.Tests.ThroughGateway;

/// <summary>Client -> gateway -> agents -> models -> provider, every hop real except the provider.</summary>
public sealed class WholeChainTests : IAsyncLifetime
{
    private WholeChain _chain = null!;

    public async Task InitializeAsync() => _chain = await WholeChain.StartAsync();

    public async Task DisposeAsync() => await _chain.DisposeAsync();

    [Fact]
    public async Task A_streamed_run_gets_its_tokens_from_the_models_service_as_it_streams_them()
    {
        var client = _chain.Gateway.Client;
        var agent = await client.CreateAgentAsync(tools: new[] { new { type = "current_time" } }, model: "scripted-model");
        var thread = await client.CreateThreadAsync();
        _chain.Provider.Enqueue(ScriptedReply.Call("current_time", """{"zone":"UTC"}"""), ScriptedReply.Stream("Through ", "every ", "hop."));

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
        Assert.All(_chain.Provider.ChatRequests, r => Assert.True(r.Body["stream"]?.GetValue<bool>()));
    }

    [Fact]
    public async Task Agents_sign_their_model_calls_for_the_caller_and_models_refuse_calls_nobody_signed()
    {
        var client = _chain.Gateway.Client;
        var agent = await client.CreateAgentAsync(model: "scripted-model");
        var thread = await client.CreateThreadAsync();
        _chain.Provider.Enqueue(ScriptedReply.Say("Signed on the worker."));

        // A background run calls models from a worker, with no request being served: signed for the run's owner.
        var run = await client.StartRunAsync(thread, agent, "Hello?");
        var finished = await client.WaitForStatusAsync(run, "succeeded", "failed");
        // A document is embedded while its upload is served: signed for the uploading client.
        var collection = (await client.PostJsonAsync("/v1/knowledge", new { name = "signed" }, 201))["id"]!.GetValue<string>();
        await client.PostJsonAsync($"/v1/knowledge/{collection}/documents", new { text = "Embeddings are signed calls too." }, 201);
        using var direct = new HttpClient { BaseAddress = _chain.Models.Address };
        using var unsigned = await direct.PostAsJsonAsync("/v1/embeddings", new { model = "all-minilm-l6-v2", input = "who am I?" });
        using var forged = new HttpRequestMessage(HttpMethod.Post, "/v1/embeddings") { Content = JsonContent.Create(new { model = "all-minilm-l6-v2", input = "x" }) };
        forged.Headers.Add("X-Platform-Client-Id", GatewayHost.ClientId);

        Assert.Equal("succeeded", finished["status"]!.GetValue<string>());
        Assert.Equal("Signed on the worker.", finished["output"]!.GetValue<string>());
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await direct.SendAsync(forged)).StatusCode);
    }
}
