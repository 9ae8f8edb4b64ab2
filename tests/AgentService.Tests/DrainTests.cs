using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.TestSupport;

namespace Platform.AgentService.Tests;

/// <summary>
/// A replica that shuts down takes no new work, hands its runs back to the queue for another replica, and ends its
/// event streams with a reconnect event so clients resume elsewhere with Last-Event-ID; quiet streams send heartbeats.
/// </summary>
public sealed class DrainTests : IAsyncLifetime
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private RedisServer _redis = null!;
    private ScriptedLlmServer _llm = null!;

    // Reclaim after a lost worker would take ten minutes: anything sooner is the hand-back.
    private static readonly Dictionary<string, string?> SlowReclaim = new()
    {
        ["Runs:VisibilityTimeout"] = "00:10:00",
        ["Runs:ReclaimInterval"] = "00:10:00",
        ["Runs:EventHeartbeatInterval"] = "00:00:00.100",
    };

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _llm = await ScriptedLlmServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        _release.TrySetResult();
        await _llm.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task A_replica_that_shuts_down_hands_its_run_back_and_another_finishes_it_without_counting_an_attempt()
    {
        _llm.Enqueue(new ScriptedReply("held", Gate: _release.Task), ScriptedReply.Say("Finished elsewhere."));
        var first = new AgentServiceHost(_redis.ConnectionString, _llm.BaseUrl, SlowReclaim);
        var runId = await StartHeldRunAsync(first.ClientFor("client-drain"));

        await using var second = new AgentServiceHost(_redis.ConnectionString, _llm.BaseUrl, SlowReclaim);
        await first.DisposeAsync();
        var finished = await second.ClientFor("client-drain").WaitForStatusAsync(runId, "succeeded", "failed");

        Assert.Equal("succeeded", finished["status"]!.GetValue<string>());
        Assert.Equal("Finished elsewhere.", finished["output"]!.GetValue<string>());
        Assert.Equal(1, finished["attempts"]!.GetValue<int>());
        var events = await (await second.ClientFor("client-drain").GetAsync($"/v1/runs/{runId}/events")).ReadSseAsync();
        Assert.Contains(events, e => e.Type == "run.handed_back");
        Assert.DoesNotContain(events, e => e.Type == "run.reclaimed");
        // The held model call is made again by the second replica: its deltas so far are to be discarded.
        Assert.Contains(events, e => e.Type == "model.call.restarted");
        Assert.Equal(["queued", "running", "queued", "running", "succeeded"], events.Where(e => e.Type == "run.status").Select(e => e.Status()));
    }

    [Fact]
    public async Task A_quiet_event_stream_sends_heartbeat_comments()
    {
        _llm.Enqueue(new ScriptedReply("held", Gate: _release.Task));
        await using var host = new AgentServiceHost(_redis.ConnectionString, _llm.BaseUrl, SlowReclaim);
        var client = host.ClientFor("client-drain");
        var runId = await StartHeldRunAsync(client);

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/v1/runs/{runId}/events"), HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var heartbeats = 0;
        while (heartbeats < 3 && await reader.ReadLineAsync() is { } line)
        {
            heartbeats += line == ": heartbeat" ? 1 : 0;
        }

        Assert.Equal(3, heartbeats);
    }

    [Fact]
    public async Task An_event_stream_ends_with_a_reconnect_event_on_shutdown_and_resumes_on_another_replica_with_nothing_lost()
    {
        _llm.Enqueue(new ScriptedReply("held", Gate: _release.Task), ScriptedReply.Say("Finished elsewhere."));
        var first = new AgentServiceHost(_redis.ConnectionString, _llm.BaseUrl, SlowReclaim);
        var client = first.ClientFor("client-drain");
        var runId = await StartHeldRunAsync(client);

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/v1/runs/{runId}/events"), HttpCompletionOption.ResponseHeadersRead);
        var stream = new StreamReader(await response.Content.ReadAsStreamAsync());
        var seen = new List<(string? Id, string Type)>();
        Assert.Equal("run.status", (await NextEventAsync(stream)).Type);
        first.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        (string? Id, string Type) item;
        while ((item = await NextEventAsync(stream)).Type != "stream.reconnect")
        {
            seen.Add(item);
        }

        Assert.Null(item.Id);
        await using var second = new AgentServiceHost(_redis.ConnectionString, _llm.BaseUrl, SlowReclaim);
        var lastId = seen.LastOrDefault(e => e.Id is not null).Id;
        var resume = new HttpRequestMessage(HttpMethod.Get, $"/v1/runs/{runId}/events");
        if (lastId is not null)
        {
            resume.Headers.Add("Last-Event-ID", lastId);
        }

        var rest = await (await second.ClientFor("client-drain").SendAsync(resume)).ReadSseAsync();
        await first.DisposeAsync();

        var all = await (await second.ClientFor("client-drain").GetAsync($"/v1/runs/{runId}/events")).ReadSseAsync();
        var resumed = all.Select(e => e.Id).SkipWhile(id => id != lastId).Skip(lastId is null ? 0 : 1).ToList();
        Assert.Equal(resumed, rest.Select(e => e.Id));
        Assert.Equal("succeeded", rest.Last(e => e.Type == "run.status").Status());
    }

    private async Task<string> StartHeldRunAsync(HttpClient client)
    {
        var agent = await client.CreateAgentAsync();
        var thread = await client.CreateThreadAsync();
        var run = await client.PostJsonAsync($"/v1/threads/{thread}/runs", new { agent_id = agent, input = "Work on this", background = true }, 200);
        Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(_llm.ChatRequests.Count >= 1)), "no worker called the model");
        return run["id"]!.GetValue<string>();
    }

    /// <summary>Reads the next SSE event (comments skipped) as its id and type.</summary>
    private static async Task<(string? Id, string Type)> NextEventAsync(StreamReader reader)
    {
        string? id = null, type = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Length == 0 && type is not null)
            {
                return (id, type);
            }

            if (line.StartsWith("id: ", StringComparison.Ordinal)) id = line[4..];
            else if (line.StartsWith("event: ", StringComparison.Ordinal)) type = line[7..];
        }

        throw new InvalidOperationException("The stream ended without another event.");
    }
}
