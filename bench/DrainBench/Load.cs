using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Platform.Bench.Drain;

/// <summary>
/// Bounded load: each client starts a run (a new thread, then a background run with an Idempotency-Key), follows it
/// until it ends, and starts the next. Requests go through a client-side balancer over the replicas in rotation
/// (what the gateway does with per-replica destinations); a request whose replica fails is sent once more to the
/// next replica, as the gateway's retry of reads and an idempotent create would be.
/// </summary>
public sealed class Load(Func<IReadOnlyList<AgentReplica>> rotation, string agentId)
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(2);
    private int _next;
    private long _slowestTicks;

    public int Succeeded;
    public int NotOk;
    public int Failed;
    public int Retried;

    public TimeSpan Slowest => TimeSpan.FromTicks(Interlocked.Read(ref _slowestTicks));

    public async Task RunAsync(int clients, CancellationToken stop) =>
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await OneRunAsync();
            }
        })));

    private async Task OneRunAsync()
    {
        var watch = Stopwatch.StartNew();
        var thread = await SendAsync(client => client.PostAsJsonAsync("/v1/threads", new { }));
        if (thread?["id"]?.GetValue<string>() is not { } threadId)
        {
            return;
        }

        var key = Guid.NewGuid().ToString("N");
        var created = await SendAsync(client =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/threads/{threadId}/runs")
            {
                Content = JsonContent.Create(new { agent_id = agentId, input = "Work on this", background = true }),
            };
            request.Headers.Add("Idempotency-Key", key);
            return client.SendAsync(request);
        });
        if (created?["id"]?.GetValue<string>() is not { } runId)
        {
            return;
        }

        while (watch.Elapsed < GiveUpAfter)
        {
            var status = (await SendAsync(client => client.GetAsync($"/v1/runs/{runId}")))?["status"]?.GetValue<string>();
            if (status is "succeeded" or "failed" or "cancelled" or "expired")
            {
                Interlocked.Increment(ref status == "succeeded" ? ref Succeeded : ref NotOk);
                var took = watch.Elapsed.Ticks;
                long seen;
                while (took > (seen = Interlocked.Read(ref _slowestTicks)) && Interlocked.CompareExchange(ref _slowestTicks, took, seen) != seen)
                {
                }

                return;
            }

            await Task.Delay(100);
        }

        Interlocked.Increment(ref NotOk);
    }

    /// <summary>One try on the next replica and, if that replica fails, one more on the one after it.</summary>
    private async Task<JsonNode?> SendAsync(Func<HttpClient, Task<HttpResponseMessage>> send)
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var replicas = rotation();
            var replica = replicas[(int)((uint)Interlocked.Increment(ref _next) % (uint)replicas.Count)];
            try
            {
                using var response = await send(replica.Client);
                if (response.IsSuccessStatusCode)
                {
                    return JsonNode.Parse(await response.Content.ReadAsStringAsync());
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or ObjectDisposedException)
            {
            }

            if (attempt == 0)
            {
                Interlocked.Increment(ref Retried);
            }
        }

        Interlocked.Increment(ref Failed);
        return null;
    }
}
