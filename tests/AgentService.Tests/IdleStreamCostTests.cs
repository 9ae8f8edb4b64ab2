using Platform.TestSupport;

namespace Platform.AgentService.Tests;

/// <summary>
/// What open but idle event streams cost Redis, counted on the test's own redis-server (INFO commandstats) on an
/// API-only replica, so no worker's queue housekeeping is mixed in: the runs stay queued, their streams open.
/// </summary>
public sealed class IdleStreamCostTests : IAsyncLifetime
{
    private const int Streams = 20;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(2);

    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task Idle_pushed_streams_cost_no_redis_commands_between_heartbeats()
    {
        var commands = await CommandsWhileIdleAsync("Push");

        Assert.True(commands.Count == 0, $"idle streams ran: {string.Join(", ", commands.Select(c => $"{c.Key}={c.Value}"))}");
    }

    [Fact]
    public async Task Idle_polled_streams_read_redis_all_the_time()
    {
        var commands = await CommandsWhileIdleAsync("Poll");

        // Every 100 ms, per stream, a read of the events and a read of the run (2 s, 20 streams: ~800).
        Assert.True(commands.Values.Sum() >= Streams * 10, $"polled streams ran only: {string.Join(", ", commands.Select(c => $"{c.Key}={c.Value}"))}");
    }

    private async Task<IReadOnlyDictionary<string, long>> CommandsWhileIdleAsync(string delivery)
    {
        await using var api = new AgentServiceHost(_redis.ConnectionString, "http://127.0.0.1:9/v1", new Dictionary<string, string?>
        {
            ["Runs:WorkerEnabled"] = "false",
            ["Runs:EventDelivery"] = delivery,
            ["Runs:EventHeartbeatInterval"] = "00:10:00",
        });
        var client = api.ClientFor("client-idle");
        var agent = await client.CreateAgentAsync();
        var open = new List<ThroughGateway.SseReader>();
        try
        {
            for (var i = 0; i < Streams; i++)
            {
                var thread = await client.CreateThreadAsync();
                var runId = (await client.PostJsonAsync($"/v1/threads/{thread}/runs", new { agent_id = agent, input = "wait", background = true }, 200))["id"]!.GetValue<string>();
                var stream = new ThroughGateway.SseReader(await client.GetAsync($"/v1/runs/{runId}/events", HttpCompletionOption.ResponseHeadersRead));
                open.Add(stream);
                Assert.Equal("queued", (await stream.NextAsync())!.Status());
            }

            await using var counter = await RedisCommandCounter.ConnectAsync(_redis.ConnectionString);
            // The last stream has read its backlog; let it reach its wait before counting.
            await Task.Delay(200);
            var before = await counter.SnapshotAsync();
            await Task.Delay(Window);
            return RedisCommandCounter.Between(before, await counter.SnapshotAsync());
        }
        finally
        {
            open.ForEach(stream => stream.Dispose());
        }
    }
}
