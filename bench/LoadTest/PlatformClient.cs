using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Platform.Bench.LoadTest;

/// <summary>
/// The profile's requests against one gateway with one key. No request is retried: a 5xx or a broken connection is a
/// failure. The only thing sent again is a run's event stream, which clients are meant to rejoin with Last-Event-ID
/// when it ends early (a replica draining, or lost).
/// </summary>
public sealed class PlatformClient(HttpClient http, LoadOptions options)
{
    public const int MaxRejoins = 30;
    private static readonly TimeSpan RejoinPause = TimeSpan.FromMilliseconds(200);
    private static readonly HashSet<string> TerminalStatuses = ["succeeded", "failed", "cancelled", "expired"];

    public static HttpClient CreateHttpClient(LoadOptions options)
    {
        var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(30) })
        {
            BaseAddress = options.Gateway,
            Timeout = TimeSpan.FromMinutes(2),
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        return http;
    }

    /// <summary>The chat model: the option, or the first listed model that is not the embedding model.</summary>
    public async Task<string> ChatModelAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(options.ChatModel))
        {
            return options.ChatModel;
        }

        var models = await http.GetFromJsonAsync<JsonNode>("/v1/models", cancellationToken);
        return models?["data"]?.AsArray().Select(model => model?["id"]?.GetValue<string>()).FirstOrDefault(id => id is not null && id != options.EmbeddingModel)
            ?? throw new InvalidOperationException("The gateway lists no chat model: give --chat-model.");
    }

    /// <summary>An agent with a tool (the clock), made once per client before the load starts.</summary>
    public async Task<string> CreateAgentAsync(string model, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("/v1/agents", new
        {
            name = "load-test",
            instructions = "Tell the time when asked.",
            model,
            tools = new[] { new { type = "current_time" } },
        }, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode
            ? JsonNode.Parse(body)!["id"]!.GetValue<string>()
            : throw new InvalidOperationException($"Creating the load test's agent answered {(int)response.StatusCode}: {body}");
    }

    public Task<Sample> EmbeddingsAsync(int sequence, TimeSpan started, CancellationToken cancellationToken) =>
        TimedAsync(Operation.Embeddings, started, async () =>
        {
            using var response = await http.PostAsJsonAsync("/v1/embeddings", new { model = options.EmbeddingModel, input = $"load test sentence number {sequence}" }, cancellationToken);
            await response.Content.ReadAsStringAsync(cancellationToken);
            return Classify(response.StatusCode, "embeddings");
        });

    public Task<Sample> ChatAsync(string model, TimeSpan started, CancellationToken cancellationToken) =>
        TimedAsync(Operation.Chat, started, async () =>
        {
            using var response = await http.PostAsJsonAsync("/v1/chat/completions", new { model, messages = new[] { new { role = "user", content = "Say something short." } } }, cancellationToken);
            await response.Content.ReadAsStringAsync(cancellationToken);
            return Classify(response.StatusCode, "chat");
        });

    public Task<Sample> ChatStreamAsync(string model, TimeSpan started, CancellationToken cancellationToken) =>
        TimedAsync(Operation.ChatStream, started, async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
            {
                Content = JsonContent.Create(new { model, stream = true, messages = new[] { new { role = "user", content = "Stream something short." } } }),
            };
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return Classify(response.StatusCode, "chat stream");
            }

            var reader = new ServerSentEventReader(await response.Content.ReadAsStreamAsync(cancellationToken));
            try
            {
                while (await reader.NextAsync(cancellationToken) is { } item)
                {
                    if (item.Data == "[DONE]")
                    {
                        return (Outcome.Succeeded, null);
                    }
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or IOException)
            {
                return (Outcome.Failed, $"{StreamCut}chat stream cut: {exception.Message}");
            }

            // A chat stream cannot be resumed: one that ends before [DONE] is a failed stream.
            return (Outcome.Failed, StreamCut + "chat stream ended before [DONE]");
        });

    /// <summary>A thread, a background run on it, and its event stream followed to the run's end.</summary>
    public async Task<(Sample Sample, FollowedRun? Run)> AgentRunAsync(string agentId, TimeSpan started, CancellationToken cancellationToken)
    {
        FollowedRun? followed = null;
        var sample = await TimedAsync(Operation.AgentRun, started, async () =>
        {
            using var thread = await http.PostAsJsonAsync("/v1/threads", new { }, cancellationToken);
            var threadBody = await thread.Content.ReadAsStringAsync(cancellationToken);
            if (!thread.IsSuccessStatusCode)
            {
                return Classify(thread.StatusCode, "thread create");
            }

            var threadId = JsonNode.Parse(threadBody)!["id"]!.GetValue<string>();
            using var run = await http.PostAsJsonAsync($"/v1/threads/{threadId}/runs", new { agent_id = agentId, input = "What time is it?", background = true }, cancellationToken);
            var runBody = await run.Content.ReadAsStringAsync(cancellationToken);
            if (!run.IsSuccessStatusCode)
            {
                return Classify(run.StatusCode, "run create");
            }

            followed = await FollowAsync(JsonNode.Parse(runBody)!["id"]!.GetValue<string>(), cancellationToken);
            return followed.FinalStatus is null
                ? (Outcome.Failed, $"{StreamCut}run {followed.RunId} not followed to its end after {followed.Rejoins} rejoins")
                : (Outcome.Succeeded, null);
        });
        return (sample, followed);
    }

    /// <summary>
    /// Reads the run's events until a terminal status. A stream that ends first (a <c>stream.reconnect</c> event from a
    /// draining replica, or a connection cut by a lost one) is rejoined with the last id seen, as a client should.
    /// </summary>
    public async Task<FollowedRun> FollowAsync(string runId, CancellationToken cancellationToken)
    {
        var seen = new List<string>();
        var rejoins = 0;
        var cuts = 0;
        for (var attempt = 0; attempt <= MaxRejoins; attempt++)
        {
            if (attempt > 0)
            {
                rejoins++;
                await Task.Delay(RejoinPause, cancellationToken);
            }

            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/runs/{runId}/events");
                if (seen.Count > 0)
                {
                    request.Headers.Add("Last-Event-ID", seen[^1]);
                }

                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    continue;
                }

                var reader = new ServerSentEventReader(await response.Content.ReadAsStreamAsync(cancellationToken));
                var reconnect = false;
                while (await reader.NextAsync(cancellationToken) is { } item)
                {
                    if (item.Id is not null)
                    {
                        seen.Add(item.Id);
                    }

                    reconnect |= item.Type == "stream.reconnect";
                    if (item.Type == "run.status" && JsonNode.Parse(item.Data)?["status"]?.GetValue<string>() is { } status && TerminalStatuses.Contains(status))
                    {
                        return new FollowedRun(runId, seen, rejoins, status, cuts);
                    }
                }

                cuts += reconnect ? 0 : 1;
            }
            catch (Exception exception) when (exception is HttpRequestException or IOException || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // The connection broke: rejoin from the last event seen.
                cuts++;
            }
        }

        return new FollowedRun(runId, seen, rejoins, null, cuts);
    }

    /// <summary>Marks a failure that happened inside a stream already answered 200, not on a request.</summary>
    public const string StreamCut = "stream: ";

    public static (Outcome, string?) Classify(HttpStatusCode status, string what) => (int)status switch
    {
        < 400 => (Outcome.Succeeded, null),
        429 => (Outcome.Rejected, $"{what}: 429"),
        < 500 => (Outcome.Refused, $"{what}: {(int)status}"),
        _ => (Outcome.Failed, $"{what}: {(int)status}"),
    };

    private static async Task<Sample> TimedAsync(Operation operation, TimeSpan started, Func<Task<(Outcome Outcome, string? Detail)>> send)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var (outcome, detail) = await send();
            return new Sample(operation, outcome, started, clock.Elapsed, detail);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or TaskCanceledException)
        {
            return new Sample(operation, Outcome.Failed, started, clock.Elapsed, exception.Message);
        }
    }
}
