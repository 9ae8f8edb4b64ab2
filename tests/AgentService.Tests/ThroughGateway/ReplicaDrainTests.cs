using Platform.TestSupport;

namespace Platform.AgentService.Tests.ThroughGateway;

/// <summary>
/// A worker replica shuts down in the middle of a streamed model call while a client follows the run through the
/// gateway on another replica: the run is handed back without counting an attempt and finished by the other one.
/// </summary>
public sealed class ReplicaDrainTests : ReplicasOnOneRedis
{
    // Reclaiming a lost worker's run would take ten minutes: anything sooner is the hand-back.
    private static readonly Dictionary<string, string?> SlowReclaim = new() { ["Runs:VisibilityTimeout"] = "00:10:00" };


    [Fact]
    public async Task Replica_drained_mid_stream_hands_the_run_back_and_the_stream_announces_the_restarted_call_in_the_same_attempt()
    {
        Llm.Enqueue(
            new ScriptedReply(Gate: NeverReleased.Task) { Pieces = ["Cut ", "short ", "by ", "the drain"], GateAfterPieces = 2 },
            ScriptedReply.Stream("Finished ", "by ", "the other replica."));
        var draining = new AgentServiceHost(Redis.ConnectionString, Llm.BaseUrl, SlowReclaim);
        var direct = draining.ClientFor(GatewayHost.ClientId);
        var agent = await direct.CreateAgentAsync();
        var thread = await direct.CreateThreadAsync();
        var runId = await direct.StartRunAsync(thread, agent, "Write something");
        Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(Llm.ChatRequests.Count == 1)), "the first worker never called the model");

        await using var other = new AgentServiceHost(Redis.ConnectionString, Llm.BaseUrl, SlowReclaim);
        await using var gateway = new GatewayHost(Redis.ConnectionString, other);
        using var stream = await gateway.Client.OpenEventsAsync(runId);
        var beforeDrain = new List<SseEvent>();
        await stream.UntilAsync(e =>
        {
            beforeDrain.Add(e);
            return StreamedText.OfStep(beforeDrain, 1) == "Cut short ";
        });

        await draining.DisposeAsync();
        var events = beforeDrain.Concat(await stream.ToEndAsync()).ToList();

        Assert.Equal((await gateway.Client.AllEventsAsync(runId)).Select(e => e.Id), events.Select(e => e.Id));
        Assert.DoesNotContain(events, e => e.Type == "run.reclaimed");
        var handedBack = events.FindIndex(e => e.Type == "run.handed_back");
        var restarted = events.FindIndex(e => e.Type == "model.call.restarted");
        Assert.True(handedBack >= 0 && restarted > handedBack, "the hand-back and the restart were not announced in order");
        Assert.Equal(1, events[restarted].Data["step"]!.GetValue<int>());
        Assert.Equal(1, events[restarted].Data["attempt"]!.GetValue<int>());
        Assert.Equal(["queued", "running", "queued", "running", "succeeded"], events.Where(e => e.Type == "run.status").Select(e => e.Status()));
        Assert.Equal("Finished by the other replica.", StreamedText.Of(events));
        Assert.Equal(1, (await gateway.Client.GetJsonAsync($"/v1/runs/{runId}"))["attempts"]!.GetValue<int>());
    }
}
