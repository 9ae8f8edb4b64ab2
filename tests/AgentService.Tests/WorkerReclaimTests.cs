using Platform.TestSupport;

namespace Platform.AgentService.Tests;

/// <summary>Two replicas on one redis-server: one is lost mid-run (no hand-back), the other takes the run over.</summary>
public sealed class WorkerReclaimTests : ReplicasOnOneRedis
{
    [Fact]
    public async Task Run_of_a_stopped_worker_is_reclaimed_and_finished_by_another_with_no_event_lost()
    {
        Llm.Enqueue(new ScriptedReply("from the first worker", Gate: NeverReleased.Task), ScriptedReply.Say("Finished by the second worker."));
        // A worker that dies hands nothing back: the test's graceful stop plays one with hand-back off.
        var lost = new Dictionary<string, string?> { ["Runs:HandBackOnShutdown"] = "false" };
        var first = new AgentServiceHost(Redis.ConnectionString, Llm.BaseUrl, lost);
        var client = first.ClientFor("client-reclaim");
        var runId = await StartRunHeldByFirstWorkerAsync(client);
        // Read straight from Redis: the SSE stream would wait for the run, which is held mid-way.
        using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(Redis.ConnectionString);
        var eventsBeforeStop = (await redis.GetDatabase().StreamRangeAsync($"run:{runId}:events")).Select(entry => (string)entry.Id!).ToList();
        Assert.Equal(2, eventsBeforeStop.Count);

        await using var second = new AgentServiceHost(Redis.ConnectionString, Llm.BaseUrl);
        await first.DisposeAsync();
        var survivor = second.ClientFor("client-reclaim");
        var finished = await survivor.WaitForStatusAsync(runId, "succeeded", "failed");

        Assert.Equal("succeeded", finished["status"]!.GetValue<string>());
        Assert.Equal("Finished by the second worker.", finished["output"]!.GetValue<string>());
        Assert.Equal(2, finished["attempts"]!.GetValue<int>());
        var events = await (await survivor.GetAsync($"/v1/runs/{runId}/events")).ReadSseAsync();
        Assert.Equal(eventsBeforeStop, events.Take(eventsBeforeStop.Count).Select(e => e.Id));
        Assert.Contains(events, e => e.Type == "run.reclaimed");
        Assert.Equal(["queued", "running", "running", "succeeded"], events.Where(e => e.Type == "run.status").Select(e => e.Status()));
        Assert.Equal(events.Select(e => e.Id).Order(new StreamIdComparer()), events.Select(e => e.Id));
        // The second worker resumed from the checkpoint: the model saw the same conversation again.
        Assert.Equal(Llm.ChatRequests[0].Messages.Count, Llm.ChatRequests[1].Messages.Count);
    }

    [Fact]
    public async Task Run_whose_workers_keep_dying_is_failed_explicitly_instead_of_staying_running()
    {
        Llm.Enqueue(new ScriptedReply("never", Gate: NeverReleased.Task));
        var settings = new Dictionary<string, string?> { ["Runs:MaxAttempts"] = "1", ["Runs:HandBackOnShutdown"] = "false" };
        var first = new AgentServiceHost(Redis.ConnectionString, Llm.BaseUrl, settings);
        var client = first.ClientFor("client-reclaim");
        var runId = await StartRunHeldByFirstWorkerAsync(client);

        await using var second = new AgentServiceHost(Redis.ConnectionString, Llm.BaseUrl, settings);
        await first.DisposeAsync();
        var finished = await second.ClientFor("client-reclaim").WaitForStatusAsync(runId, "failed", "succeeded");

        Assert.Equal("failed", finished["status"]!.GetValue<string>());
        Assert.Equal("worker_lost", finished["reason"]!.GetValue<string>());
    }

    private async Task<string> StartRunHeldByFirstWorkerAsync(HttpClient client)
    {
        var agent = await client.CreateAgentAsync();
        var thread = await client.CreateThreadAsync();
        var run = await client.PostJsonAsync($"/v1/threads/{thread}/runs", new { agent_id = agent, input = "Work on this", background = true }, 200);
        Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(Llm.ChatRequests.Count == 1)), "the first worker never called the model");
        return run["id"]!.GetValue<string>();
    }

    private sealed class StreamIdComparer : IComparer<string>
    {
        public int Compare(string? x, string? y) => Parse(x!).CompareTo(Parse(y!));

        private static (long, long) Parse(string id) => (long.Parse(id.Split('-')[0]), long.Parse(id.Split('-')[1]));
    }
}
