using System.Net;
using System.Net.Http.Json;
using Platform.TestSupport;

namespace Platform.AgentService.Tests.ThroughGateway;

/// <summary>A second input while a thread's run is active, by each <c>multitask_strategy</c>, through the gateway.</summary>
public sealed class ConcurrentInputTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>, IAsyncLifetime
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

    private async Task<(string Agent, string Thread, string FirstRun, int Before)> StartHeldRunAsync(string input)
    {
        var agent = await Client.CreateAgentAsync();
        var thread = await Client.CreateThreadAsync();
        var before = fixture.Llm.ChatRequests.Count;
        var first = await Client.StartRunAsync(thread, agent, input);
        Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(fixture.Llm.ChatRequests.Count > before)), "the first run never called the model");
        return (agent, thread, first, before);
    }

    [Fact]
    public async Task Reject_is_the_default_and_answers_409_while_the_first_run_goes_on()
    {
        fixture.Llm.Enqueue(new ScriptedReply("First answer.", Gate: _gate.Task));
        var (agent, thread, first, _) = await StartHeldRunAsync("One");

        var implicitReject = await Client.PostAsJsonAsync($"/v1/threads/{thread}/runs", new { agent_id = agent, input = "Two", background = true });
        var explicitReject = await Client.PostAsJsonAsync($"/v1/threads/{thread}/runs", new { agent_id = agent, input = "Two", background = true, multitask_strategy = "reject" });
        var unknown = await Client.PostAsJsonAsync($"/v1/threads/{thread}/runs", new { agent_id = agent, input = "Two", background = true, multitask_strategy = "shout" });

        Assert.Equal(HttpStatusCode.Conflict, implicitReject.StatusCode);
        Assert.Equal("thread_busy", (await implicitReject.JsonAsync())["error"]!["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, explicitReject.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("multitask_strategy", (await unknown.JsonAsync())["error"]!["param"]!.GetValue<string>());
        _gate.SetResult();
        Assert.Equal("First answer.", (await Client.WaitForStatusAsync(first, "succeeded"))["output"]!.GetValue<string>());
        Assert.Equal([("user", "One"), ("assistant", "First answer.")], await Client.HistoryAsync(thread));
    }

    [Fact]
    public async Task Enqueued_runs_wait_their_turn_and_run_in_order_each_seeing_the_answers_before_it()
    {
        fixture.Llm.Enqueue(new ScriptedReply("First answer.", Gate: _gate.Task), ScriptedReply.Say("Second answer."), ScriptedReply.Say("Third answer."));
        var (agent, thread, first, before) = await StartHeldRunAsync("One");

        var second = await Client.StartRunAsync(thread, agent, "Two", "enqueue");
        var third = await Client.StartRunAsync(thread, agent, "Three", "enqueue");
        Assert.Equal("queued", (await Client.GetJsonAsync($"/v1/runs/{second}"))["status"]!.GetValue<string>());
        Assert.Equal("queued", (await Client.GetJsonAsync($"/v1/runs/{third}"))["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await Client.PostAsJsonAsync($"/v1/threads/{thread}/runs", new { agent_id = agent, input = "Four", background = true })).StatusCode);

        _gate.SetResult();
        await Client.WaitForStatusAsync(third, "succeeded");

        Assert.Equal("succeeded", (await Client.GetJsonAsync($"/v1/runs/{first}"))["status"]!.GetValue<string>());
        Assert.Equal("succeeded", (await Client.GetJsonAsync($"/v1/runs/{second}"))["status"]!.GetValue<string>());
        Assert.Equal(
            [("user", "One"), ("assistant", "First answer."), ("user", "Two"), ("assistant", "Second answer."), ("user", "Three"), ("assistant", "Third answer.")],
            await Client.HistoryAsync(thread));
        var thirdCall = fixture.Llm.ChatRequests[before + 2].Messages.Select(m => m["content"]?.ToString()).ToList();
        Assert.Equal(["One", "First answer.", "Two", "Second answer.", "Three"], thirdCall.Where(c => c is not null and not "Be helpful.").ToList());
    }

    [Fact]
    public async Task Interrupt_cancels_the_active_run_mid_stream_and_the_new_run_sees_its_question()
    {
        fixture.Llm.Enqueue(new ScriptedReply(Gate: _gate.Task) { Pieces = ["Half an ", "answer"], GateAfterPieces = 1 }, ScriptedReply.Say("Fresh answer."));
        var (agent, thread, first, before) = await StartHeldRunAsync("First question");

        var second = await Client.StartRunAsync(thread, agent, "Second question", "interrupt");
        var finished = await Client.WaitForStatusAsync(second, "succeeded", "failed", "cancelled");

        Assert.Equal("Fresh answer.", finished["output"]!.GetValue<string>());
        var interrupted = await Client.GetJsonAsync($"/v1/runs/{first}");
        Assert.Equal("cancelled", interrupted["status"]!.GetValue<string>());
        Assert.Equal("interrupted", interrupted["reason"]!.GetValue<string>());
        Assert.Equal([("user", "First question"), ("user", "Second question"), ("assistant", "Fresh answer.")], await Client.HistoryAsync(thread));
        var sent = fixture.Llm.ChatRequests[before + 1].Messages.Select(m => m["content"]?.ToString()).ToList();
        Assert.Contains("First question", sent);
        Assert.DoesNotContain(sent, content => content?.Contains("Half an", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Rollback_cancels_the_active_run_and_removes_its_messages_from_the_thread()
    {
        fixture.Llm.Enqueue(new ScriptedReply(Gate: _gate.Task) { Pieces = ["Half an ", "answer"], GateAfterPieces = 1 }, ScriptedReply.Say("Fresh answer."));
        var (agent, thread, first, before) = await StartHeldRunAsync("First question");

        var second = await Client.StartRunAsync(thread, agent, "Second question", "rollback");
        var finished = await Client.WaitForStatusAsync(second, "succeeded", "failed", "cancelled");

        Assert.Equal("Fresh answer.", finished["output"]!.GetValue<string>());
        var rolledBack = await Client.GetJsonAsync($"/v1/runs/{first}");
        Assert.Equal("cancelled", rolledBack["status"]!.GetValue<string>());
        Assert.Equal("rolled_back", rolledBack["reason"]!.GetValue<string>());
        Assert.Equal([("user", "Second question"), ("assistant", "Fresh answer.")], await Client.HistoryAsync(thread));
        Assert.DoesNotContain("First question", fixture.Llm.ChatRequests[before + 1].Messages.Select(m => m["content"]?.ToString()));
    }

    [Fact]
    public async Task Cancelling_a_waiting_run_takes_it_out_of_the_line_and_the_next_one_goes_on()
    {
        fixture.Llm.Enqueue(new ScriptedReply("First answer.", Gate: _gate.Task), ScriptedReply.Say("Third answer."));
        var (agent, thread, _, _) = await StartHeldRunAsync("One");
        var second = await Client.StartRunAsync(thread, agent, "Two", "enqueue");
        var third = await Client.StartRunAsync(thread, agent, "Three", "enqueue");

        var cancelled = await Client.PostJsonAsync($"/v1/runs/{second}/cancel", new { }, 200);
        _gate.SetResult();
        await Client.WaitForStatusAsync(third, "succeeded");

        Assert.Equal("cancelled", cancelled["status"]!.GetValue<string>());
        Assert.Equal(
            [("user", "One"), ("assistant", "First answer."), ("user", "Three"), ("assistant", "Third answer.")],
            await Client.HistoryAsync(thread));
    }
}
