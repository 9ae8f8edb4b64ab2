using System.Text.Json;
using Platform.AgentService.Responses;
using Platform.AgentService.Runs;

namespace Platform.AgentService.UnitTests;

/// <summary>How a run's events become a response's streaming events and state, without Redis or a host.</summary>
public sealed class ResponseFoldTests
{
    private static readonly ResponseRecord Record = new()
    {
        Id = "resp_abc",
        Owner = "client",
        RunId = "run_1",
        ThreadId = "thread_1",
        Model = "agent_1",
        Tools = [new ClientTool("get_weather", null, JsonDocument.Parse("{}").RootElement)],
    };

    private static int _id;

    private static RunEvent Event(string type, object data) => new($"{Interlocked.Increment(ref _id)}-0", type, JsonSerializer.Serialize(data));

    private static RunEvent Status(string status, string? reason = null, string? error = null) => Event(RunEventTypes.Status, new { status, reason, error });

    private static RunEvent Text(int step, string text) => Event(RunEventTypes.MessageDelta, new { step, text });

    private static RunEvent Call(int step, string text, object[]? calls = null) =>
        Event(RunEventTypes.ModelCall, new { step, text, tool_calls = calls ?? [], usage = new { input_tokens = 7, output_tokens = 3 } });

    private static (List<ResponseStreamEvent> Events, ResponseFold Fold) Fold(params RunEvent[] events)
    {
        var fold = new ResponseFold(Record);
        return (events.SelectMany(fold.Apply).ToList(), fold);
    }

    [Fact]
    public void A_streamed_answer_becomes_the_openai_event_sequence_numbered_from_zero()
    {
        var (events, fold) = Fold(Status("queued"), Status("running"), Text(1, "Hel"), Text(1, "lo"), Call(1, "Hello"), Status("succeeded"));

        Assert.Equal(
            [
                "response.created", "response.in_progress", "response.output_item.added", "response.content_part.added",
                "response.output_text.delta", "response.output_text.delta", "response.output_text.done", "response.content_part.done",
                "response.output_item.done", "response.completed",
            ],
            events.Select(e => e.Type));
        Assert.Equal(Enumerable.Range(0, events.Count), events.Select(e => e.SequenceNumber));
        Assert.Equal("completed", fold.Status);
        var view = fold.View();
        Assert.Equal("Hello", Assert.Single(view.Output).Content![0].Text);
        Assert.Equal(new UsageView(7, new(0), 3, new(0), 10), view.Usage);
        Assert.Equal("queued", events[0].Response!.Status);
    }

    [Fact]
    public void Replaying_the_same_events_gives_the_same_stream()
    {
        RunEvent[] run = [Status("queued"), Status("running"), Text(1, "a"), Call(1, "a"), Status("succeeded")];

        var first = Fold(run).Events.Select(e => JsonSerializer.Serialize(e));
        var second = Fold(run).Events.Select(e => JsonSerializer.Serialize(e));

        Assert.Equal(first, second);
    }

    [Fact]
    public void A_client_function_call_is_streamed_as_a_function_call_item_and_a_server_tool_is_not()
    {
        var (events, fold) = Fold(
            Status("queued"), Status("running"),
            Event(RunEventTypes.ToolCallDelta, new { step = 1, index = 0, call_id = "call_1", name = "current_time", arguments = "{}" }),
            Call(1, "", [new { id = "call_1", name = "current_time", arguments = new { } }]),
            Event(RunEventTypes.ToolCallDelta, new { step = 2, index = 0, call_id = "call_2", name = "get_weather", arguments = "{\"city\":" }),
            Event(RunEventTypes.ToolCallDelta, new { step = 2, index = 0, call_id = "call_2", name = "get_weather", arguments = "\"Paris\"}" }),
            Call(2, "", [new { id = "call_2", name = "get_weather", arguments = new { city = "Paris" } }]),
            Status("succeeded"));

        var item = Assert.Single(fold.View().Output);
        Assert.Equal(("function_call", "call_2", "get_weather", "{\"city\":\"Paris\"}", "completed"), (item.Type, item.CallId, item.Name, item.Arguments, item.Status));
        Assert.Equal(2, events.Count(e => e.Type == "response.function_call_arguments.delta"));
        Assert.Equal("{\"city\":\"Paris\"}", Assert.Single(events, e => e.Type == "response.function_call_arguments.done").Arguments);
        Assert.Equal(new UsageView(14, new(0), 6, new(0), 20), fold.View().Usage);
    }

    [Fact]
    public void A_restarted_model_call_leaves_what_it_streamed_as_an_incomplete_item_before_the_repeat()
    {
        var (_, fold) = Fold(
            Status("queued"), Status("running"), Text(1, "Lost "),
            Event(RunEventTypes.ModelCallRestarted, new { step = 1, attempt = 2 }), Status("running"),
            Text(1, "Kept"), Call(1, "Kept"), Status("succeeded"));

        var output = fold.View().Output;
        Assert.Equal([("incomplete", "Lost "), ("completed", "Kept")], output.Select(item => (item.Status!, item.Content![0].Text)));
        Assert.NotEqual(output[0].Id, output[1].Id);
    }

    [Theory]
    [InlineData("failed", "failed", "response.failed")]
    [InlineData("expired", "failed", "response.failed")]
    [InlineData("cancelled", "cancelled", "response.incomplete")]
    [InlineData("requires_action", "incomplete", "response.incomplete")]
    public void A_run_that_stops_without_an_answer_ends_the_stream_with_its_status(string runStatus, string responseStatus, string lastEvent)
    {
        var (events, fold) = Fold(Status("queued"), Status("running"), Text(1, "par"), Status(runStatus, "max_steps_exceeded", "Too many steps."));

        Assert.Equal(lastEvent, events[^1].Type);
        Assert.Equal(responseStatus, fold.Status);
        if (responseStatus == "failed")
        {
            Assert.Equal(new ResponseErrorView("max_steps_exceeded", "Too many steps."), fold.View().Error);
        }
    }
}
