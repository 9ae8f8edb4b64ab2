using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.TestSupport;

namespace Platform.Bench.AgentEvents;

/// <summary>
/// Runs that stay queued (the replica has no worker), each followed by an open SSE stream whose reader notes when
/// each <c>bench.ping</c> event arrives, by its sequence number.
/// </summary>
public sealed class IdleStreams : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _readers = [];
    private readonly ConcurrentDictionary<int, TaskCompletionSource<long>> _arrivals = new();

    private IdleStreams(HttpClient http) => _http = http;

    public IReadOnlyList<string> RunIds { get; private set; } = [];

    public static async Task<IdleStreams> OpenAsync(Uri replica, int count)
    {
        // Signed as the gateway would sign it: the agent service serves no other identity.
        var http = SignedCaller.Client(replica, AgentReplica.ClientId, transport: new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue });
        http.Timeout = Timeout.InfiniteTimeSpan;
        var streams = new IdleStreams(http);
        var agent = await PostAsync(http, "/v1/agents", new { name = "bench", model = "bench-model" });
        var runIds = new string[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var thread = await PostAsync(http, "/v1/threads", new { });
            runIds[i] = await PostAsync(http, $"/v1/threads/{thread}/runs", new { agent_id = agent, input = "wait", background = true });
        });
        streams.RunIds = runIds;

        var opened = new CountdownEvent(count);
        foreach (var runId in runIds)
        {
            streams._readers.Add(streams.ReadAsync(runId, opened));
        }

        await Task.Run(() => opened.Wait(TimeSpan.FromMinutes(2)));
        if (!opened.IsSet)
        {
            throw new TimeoutException($"Only {count - opened.CurrentCount} of {count} streams opened.");
        }

        return streams;
    }

    /// <summary>Completes with the Stopwatch timestamp at which the event with this sequence number was read.</summary>
    public Task<long> ArrivalOf(int sequence) => _arrivals.GetOrAdd(sequence, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    private async Task ReadAsync(string runId, CountdownEvent opened)
    {
        try
        {
            using var response = await _http.GetAsync($"/v1/runs/{runId}/events", HttpCompletionOption.ResponseHeadersRead, _stop.Token);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(_stop.Token));
            var first = true;
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (!line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    continue;
                }

                var now = Stopwatch.GetTimestamp();
                if (first)
                {
                    first = false;
                    opened.Signal();
                    continue;
                }

                using var data = JsonDocument.Parse(line[6..]);
                if (data.RootElement.TryGetProperty("seq", out var sequence))
                {
                    _arrivals.GetOrAdd(sequence.GetInt32(), _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(now);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Closed at the end of the measurement.
        }
    }

    private static async Task<string> PostAsync(HttpClient http, string path, object body)
    {
        using var response = await http.PostAsJsonAsync(path, body);
        response.EnsureSuccessStatusCode();
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return json.GetProperty("id").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_readers);
        _http.Dispose();
        _stop.Dispose();
    }
}
