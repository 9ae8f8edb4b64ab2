using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.TestSupport;

namespace Platform.AgentService.Tests.ThroughGateway;

/// <summary>Model output streamed into the run's events and read through the gateway.</summary>
public sealed class TokenStreamingTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>, IAsyncLifetime
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HttpClient Client => fixture.Client;

    public Task InitializeAsync()
    {
        fixture.Llm.ClearReplies();
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _gate.TrySetResult();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Streamed_text_and_tool_arguments_add_up_to_the_final_message_and_the_tool_call()
    {
        var agent = await Client.CreateAgentAsync(tools: new[] { new { type = "current_time" } });
        var thread = await Client.CreateThreadAsync();
        fixture.Llm.Enqueue(ScriptedReply.Call("current_time", """{"zone":"UTC","format":"iso"}"""), ScriptedReply.Stream("The ", "time ", "is ", "now."));

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/threads/{thread}/runs") { Content = JsonContent.Create(new { agent_id = agent, input = "Time?", stream = true }) };
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var reader = new SseReader(await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead));
        var events = await reader.ToEndAsync();

        Assert.Equal("succeeded", events[^1].Status());
        var modelCalls = events.Where(e => e.Type == "model.call").ToList();
        Assert.Equal(2, modelCalls.Count);
        Assert.Equal("The time is now.", StreamedText.Of(events));
        Assert.Equal("The time is now.", modelCalls[1].Data["text"]!.GetValue<string>());
        Assert.Equal("The time is now.", events[^1].Data["output"]!.GetValue<string>());

        var argumentDeltas = events.Where(e => e.Type == "tool_call.delta").ToList();
        Assert.NotEmpty(argumentDeltas);
        var call = modelCalls[0].Data["tool_calls"]![0]!;
        Assert.All(argumentDeltas, delta =>
        {
            Assert.Equal(1, delta.Data["step"]!.GetValue<int>());
            Assert.Equal(call["id"]!.GetValue<string>(), delta.Data["call_id"]!.GetValue<string>());
            Assert.Equal("current_time", delta.Data["name"]!.GetValue<string>());
        });
        var arguments = JsonNode.Parse(string.Concat(argumentDeltas.Select(d => d.Data["arguments"]!.GetValue<string>())));
        Assert.True(JsonNode.DeepEquals(call["arguments"], arguments), $"{arguments} != {call["arguments"]}");

        // Deltas of a step come before the step's model.call event, which comes before the tools it asked for.
        var index = events.Select((e, i) => (e, i)).ToList();
        Assert.True(index.Last(p => p.e.Type == "tool_call.delta").i < index.First(p => p.e.Type == "model.call").i);
        Assert.True(index.Last(p => p.e.Type == "message.delta").i < index.Last(p => p.e.Type == "model.call").i);
        Assert.True(index.First(p => p.e.Type == "tool.call").i < index.First(p => p.e.Type == "message.delta").i);
    }

    [Fact]
    public async Task Client_that_reconnects_mid_message_misses_nothing_and_sees_nothing_twice()
    {
        var agent = await Client.CreateAgentAsync();
        var thread = await Client.CreateThreadAsync();
        fixture.Llm.Enqueue(new ScriptedReply(Gate: _gate.Task) { Pieces = ["Once ", "upon ", "a ", "time."], GateAfterPieces = 2 });

        var runId = await Client.StartRunAsync(thread, agent, "Tell a story");
        List<SseEvent> beforeDrop;
        using (var first = await Client.OpenEventsAsync(runId))
        {
            var seen = new List<SseEvent>();
            beforeDrop = await first.UntilAsync(e =>
            {
                seen.Add(e);
                return StreamedText.Of(seen) == "Once upon ";
            });
        }

        Assert.Equal("Once upon ", StreamedText.Of(beforeDrop));
        _gate.SetResult();
        using var second = await Client.OpenEventsAsync(runId, lastEventId: beforeDrop[^1].Id);
        var afterReconnect = await second.ToEndAsync();

        var joined = beforeDrop.Concat(afterReconnect).ToList();
        Assert.Equal(joined.Count, joined.Select(e => e.Id).Distinct().Count());
        Assert.Equal("Once upon a time.", StreamedText.Of(joined));
        Assert.Equal("succeeded", joined[^1].Status());
        Assert.Equal("Once upon a time.", (await Client.GetJsonAsync($"/v1/runs/{runId}"))["output"]!.GetValue<string>());

        // A replay from the start returns exactly the same events, deltas included, in the same order.
        var replay = await Client.AllEventsAsync(runId);
        Assert.Equal(joined.Select(e => (e.Id, e.Type, e.Data.ToJsonString())), replay.Select(e => (e.Id, e.Type, e.Data.ToJsonString())));
    }
}
