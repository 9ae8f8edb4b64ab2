using Platform.TestSupport;

namespace Platform.AgentService.Tests.ThroughGateway;

/// <summary>
/// A worker replica stops in the middle of a run while a client follows it through the gateway on another replica,
/// which takes the run over from the checkpoint (all on one redis-server).
/// </summary>
public sealed class ReplicaLossTests : ReplicasOnOneRedis
{
    // A replica that is lost hands nothing back: the tests' graceful stop plays one with the hand-back off.
    private static readonly Dictionary<string, string?> Lost = new() { ["Runs:HandBackOnShutdown"] = "false" };

    [Fact]
    public async Task Worker_lost_mid_stream_leaves_a_stream_another_replica_finishes_announcing_the_restarted_call()
    {
        Llm.Enqueue(
            new ScriptedReply(Gate: NeverReleased.Task) { Pieces = ["Lost ", "words ", "never ", "finished"], GateAfterPieces = 2 },
            ScriptedReply.Stream("Complete ", "answer ", "from ", "the survivor."));
        var first = new AgentServiceHost(Redis.ConnectionString, Llm.BaseUrl, Lost);
        var direct = first.ClientFor(GatewayHost.ClientId);
        var agent = await direct.CreateAgentAsync();
        var thread = await direct.CreateThreadAsync();
        var runId = await direct.StartRunAsync(thread, agent, "Write something");
        Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(Llm.ChatRequests.Count == 1)), "the first worker never called the model");

        await using var survivor = new AgentServiceHost(Redis.ConnectionString, Llm.BaseUrl);
        await using var gateway = new GatewayHost(Redis.ConnectionString, survivor);
        using var stream = await gateway.Client.OpenEventsAsync(runId);
        var beforeLoss = new List<SseEvent>();
        await stream.UntilAsync(e =>
        {
            beforeLoss.Add(e);
            return StreamedText.OfStep(beforeLoss, 1) == "Lost words ";
        });

        await first.DisposeAsync();
        var events = beforeLoss.Concat(await stream.ToEndAsync()).ToList();

        // The one connection, opened before the loss, delivered everything a replay has.
        Assert.Equal((await gateway.Client.AllEventsAsync(runId)).Select(e => e.Id), events.Select(e => e.Id));
        var restarted = events.Single(e => e.Type == "model.call.restarted");
        Assert.Equal(1, restarted.Data["step"]!.GetValue<int>());
        Assert.Equal(2, restarted.Data["attempt"]!.GetValue<int>());
        Assert.Equal("Lost words ", StreamedText.OfStep(events, 1));
        Assert.Equal("Complete answer from the survivor.", StreamedText.Of(events));
        Assert.Equal("succeeded", events[^1].Status());
        Assert.Equal("Complete answer from the survivor.", events[^1].Data["output"]!.GetValue<string>());
        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());
        Assert.Equal(["run.status", "run.status"], events.Take(2).Select(e => e.Type));
        var index = events.FindIndex(e => e.Type == "model.call.restarted");
        Assert.True(events.FindLastIndex(e => StreamedText.OfStep([e], 1).Length > 0) < index, "a delta of the lost call came after the restart");
    }

    [Fact]
    public async Task Interrupt_whose_active_run_lost_its_worker_still_cancels_it_and_runs_the_new_input()
    {
        Llm.Enqueue(new ScriptedReply(Gate: NeverReleased.Task) { Pieces = ["Half ", "done"], GateAfterPieces = 1 }, ScriptedReply.Say("Answer to the second."));
        var first = new AgentServiceHost(Redis.ConnectionString, Llm.BaseUrl, Lost);
        var direct = first.ClientFor(GatewayHost.ClientId);
        var agent = await direct.CreateAgentAsync();
        var thread = await direct.CreateThreadAsync();
        var held = await direct.StartRunAsync(thread, agent, "First question");
        Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(Llm.ChatRequests.Count == 1)), "the first worker never called the model");
        await first.DisposeAsync();

        // The interrupt arrives while no worker is alive: an API-only replica records the cancel, which nobody hears.
        await using var api = new AgentServiceHost(Redis.ConnectionString, Llm.BaseUrl, new Dictionary<string, string?> { ["Runs:WorkerEnabled"] = "false" });
        await using var gateway = new GatewayHost(Redis.ConnectionString, api);
        var second = await gateway.Client.StartRunAsync(thread, agent, "Second question", "interrupt");
        Assert.Equal("running", (await gateway.Client.GetJsonAsync($"/v1/runs/{held}"))["status"]!.GetValue<string>());
        Assert.Equal("queued", (await gateway.Client.GetJsonAsync($"/v1/runs/{second}"))["status"]!.GetValue<string>());

        // A worker replica comes up, reclaims the held run, finds the recorded cancel and hands the thread on.
        await using var survivor = new AgentServiceHost(Redis.ConnectionString, Llm.BaseUrl);
        var finished = await gateway.Client.WaitForStatusAsync(second, "succeeded", "failed", "cancelled");

        Assert.Equal("Answer to the second.", finished["output"]!.GetValue<string>());
        var interrupted = await gateway.Client.GetJsonAsync($"/v1/runs/{held}");
        Assert.Equal("cancelled", interrupted["status"]!.GetValue<string>());
        Assert.Equal("interrupted", interrupted["reason"]!.GetValue<string>());
        Assert.Equal(2, Llm.ChatRequests.Count);
        Assert.Equal([("user", "First question"), ("user", "Second question"), ("assistant", "Answer to the second.")], await gateway.Client.HistoryAsync(thread));
    }
}
