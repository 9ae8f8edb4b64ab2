using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.Recovery.Tests.Support;

/// <summary>
/// A known data set written through the gateway: agents (one with a tool), threads whose history grows over several
/// runs, runs with their events (a tool call among them), a run created with an idempotency key, and a knowledge
/// collection with embedded documents. <see cref="RecordsAsync"/> reads back every record the API serves.
/// </summary>
public sealed class DrillDataset
{
    public const string IdempotencyKey = "drill-run-once";
    public const string SearchQuery = "where does the platform keep its state?";

    public List<string> Agents { get; } = [];

    public List<string> Threads { get; } = [];

    public List<string> Runs { get; } = [];

    public List<string> Collections { get; } = [];

    public string IdempotentThread { get; private set; } = "";

    public string IdempotentAgent { get; private set; } = "";

    public static async Task<DrillDataset> WriteAsync(HttpClient gateway)
    {
        var data = new DrillDataset();
        var clock = await data.AddAgentAsync(gateway, "clock", "Tell the time.", new JsonArray(new JsonObject { ["type"] = "current_time" }));
        var writer = await data.AddAgentAsync(gateway, "writer", "Answer briefly.", null);
        await data.AddAgentAsync(gateway, "idle", "Never used in a run.", null);

        var first = await data.AddThreadAsync(gateway);
        await data.RunAsync(gateway, first, clock, "What time is it?");
        await data.RunAsync(gateway, first, writer, "And tomorrow?");
        var second = await data.AddThreadAsync(gateway);
        await data.RunAsync(gateway, second, writer, "Say something.");
        data.IdempotentThread = await data.AddThreadAsync(gateway);
        data.IdempotentAgent = writer;
        await data.RunAsync(gateway, data.IdempotentThread, writer, "Only once.", IdempotencyKey);

        var handbook = await PostAsync(gateway, "/v1/knowledge", new JsonObject { ["name"] = "handbook" });
        var collection = handbook.GetProperty("id").GetString()!;
        data.Collections.Add(collection);
        await PostAsync(gateway, $"/v1/knowledge/{collection}/documents", new JsonObject { ["text"] = "Redis keeps the platform's state: agents, threads, runs and knowledge. The gateway is the only public entry." });
        await PostAsync(gateway, $"/v1/knowledge/{collection}/documents", new JsonObject { ["text"] = "Backups are RDB snapshots shipped to a target. A restore loads the newest one." });
        return data;
    }

    /// <summary>The same run request again, with the same idempotency key: the id of the run it answers with.</summary>
    public async Task<string> ReplayIdempotentRunAsync(HttpClient gateway)
    {
        var run = await PostAsync(gateway, $"/v1/threads/{IdempotentThread}/runs",
            new JsonObject { ["agent_id"] = IdempotentAgent, ["input"] = "Only once." }, IdempotencyKey);
        return run.GetProperty("id").GetString()!;
    }

    /// <summary>Every record the API serves for the data set, keyed by the request that reads it.</summary>
    public async Task<SortedDictionary<string, string>> RecordsAsync(HttpClient gateway)
    {
        var records = new SortedDictionary<string, string>(StringComparer.Ordinal);
        async Task ReadAsync(string path) => records["GET " + path] = await GetAsync(gateway, path);

        await ReadAsync("/v1/agents");
        foreach (var agent in Agents)
        {
            await ReadAsync($"/v1/agents/{agent}");
        }

        foreach (var thread in Threads)
        {
            await ReadAsync($"/v1/threads/{thread}");
            await ReadAsync($"/v1/threads/{thread}/messages");
        }

        foreach (var run in Runs)
        {
            await ReadAsync($"/v1/runs/{run}");
            // A finished run's stream replays every event with its id, then ends.
            await ReadAsync($"/v1/runs/{run}/events");
        }

        await ReadAsync("/v1/knowledge");
        foreach (var collection in Collections)
        {
            await ReadAsync($"/v1/knowledge/{collection}");
            // Scores are computed from the stored vectors: equal scores mean equal vectors.
            records[$"POST /v1/knowledge/{collection}/search"] =
                (await PostAsync(gateway, $"/v1/knowledge/{collection}/search", new JsonObject { ["query"] = SearchQuery, ["top_k"] = 5 })).GetRawText();
        }

        return records;
    }

    private async Task<string> AddAgentAsync(HttpClient gateway, string name, string instructions, JsonArray? tools)
    {
        var body = new JsonObject { ["name"] = name, ["instructions"] = instructions, ["model"] = PlatformProcesses.ChatModel };
        if (tools is not null)
        {
            body["tools"] = tools;
        }

        var id = (await PostAsync(gateway, "/v1/agents", body)).GetProperty("id").GetString()!;
        Agents.Add(id);
        return id;
    }

    private async Task<string> AddThreadAsync(HttpClient gateway)
    {
        var id = (await PostAsync(gateway, "/v1/threads", new JsonObject())).GetProperty("id").GetString()!;
        Threads.Add(id);
        return id;
    }

    /// <summary>A run the request waits for: it answers once the run has stopped.</summary>
    private async Task RunAsync(HttpClient gateway, string thread, string agent, string input, string? idempotencyKey = null)
    {
        var run = await PostAsync(gateway, $"/v1/threads/{thread}/runs", new JsonObject { ["agent_id"] = agent, ["input"] = input }, idempotencyKey);
        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        Runs.Add(run.GetProperty("id").GetString()!);
    }

    private static async Task<string> GetAsync(HttpClient gateway, string path)
    {
        using var response = await gateway.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {text}");
        return text;
    }

    private static async Task<JsonElement> PostAsync(HttpClient gateway, string path, JsonObject body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await gateway.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
