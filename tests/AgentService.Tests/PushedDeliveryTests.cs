using Platform.TestSupport;

namespace Platform.AgentService.Tests;

/// <summary>The safety net of pushed delivery: an event whose notification never came still arrives at the heartbeat.</summary>
public sealed class PushedDeliveryTests : IAsyncLifetime
{
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task Event_written_without_a_notification_arrives_after_the_next_heartbeat()
    {
        await using var api = new AgentServiceHost(_redis.ConnectionString, "http://127.0.0.1:9/v1", new Dictionary<string, string?>
        {
            ["Runs:WorkerEnabled"] = "false",
            ["Runs:EventHeartbeatInterval"] = "00:00:01",
        });
        var client = api.ClientFor("client-push");
        var agent = await client.CreateAgentAsync();
        var thread = await client.CreateThreadAsync();
        var runId = (await client.PostJsonAsync($"/v1/threads/{thread}/runs", new { agent_id = agent, input = "wait", background = true }, 200))["id"]!.GetValue<string>();
        using var response = await client.GetAsync($"/v1/runs/{runId}/events", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Assert.Equal("event: run.status", await LineStartingAsync(reader, "event: ", bound.Token));

        // Written straight to the stream, as if its PUBLISH had been lost.
        using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        await redis.GetDatabase().StreamAddAsync($"run:{runId}:events", [new("type", "probe"), new("data", "{\"n\":1}")]);

        var lines = new List<string>();
        while (await reader.ReadLineAsync(bound.Token) is { } line && line != "event: probe")
        {
            lines.Add(line);
        }

        Assert.Contains(": heartbeat", lines);
    }

    private static async Task<string?> LineStartingAsync(StreamReader reader, string prefix, CancellationToken cancellationToken)
    {
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return line;
            }
        }

        return null;
    }
}
