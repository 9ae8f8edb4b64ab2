using System.Text.Json.Nodes;
using Platform.Bench.LoadTest;

namespace Platform.Drills.Tests.Support;

/// <summary>
/// After the load: each followed run is read back whole from the store. A run is lost if it is not in a terminal
/// state; an event is lost if the replay has an id the client, rejoining with Last-Event-ID, never saw (or saw twice).
/// </summary>
public static class RunAudit
{
    private static readonly HashSet<string> Terminal = ["succeeded", "failed", "cancelled", "expired"];

    /// <param name="Differences">For each run whose client saw other events than the replay: where they part.</param>
    public sealed record Findings(int Runs, int NotTerminal, int Succeeded, int RunsWithEventsLost, int StreamsCut, int Rejoins, IReadOnlyList<string> Differences);

    public static async Task<Findings> CheckAsync(Uri gateway, IReadOnlyList<FollowedRun> runs)
    {
        using var http = PlatformClient.CreateHttpClient(new LoadOptions { Gateway = gateway, ApiKey = DrillPlatform.ApiKey });
        int notTerminal = 0, succeeded = 0, eventsLost = 0;
        var differences = new List<string>();
        foreach (var run in runs)
        {
            var status = JsonNode.Parse(await http.GetStringAsync($"/v1/runs/{run.RunId}"))!["status"]!.GetValue<string>();
            notTerminal += Terminal.Contains(status) ? 0 : 1;
            succeeded += status == "succeeded" ? 1 : 0;

            var replay = new List<string>();
            using var response = await http.GetAsync($"/v1/runs/{run.RunId}/events", HttpCompletionOption.ResponseHeadersRead);
            var reader = new ServerSentEventReader(await response.Content.ReadAsStreamAsync());
            while (await reader.NextAsync(CancellationToken.None) is { } item)
            {
                if (item.Id is not null)
                {
                    replay.Add(item.Id);
                }
            }

            if (!replay.SequenceEqual(run.SeenEventIds))
            {
                eventsLost++;
                var at = replay.Zip(run.SeenEventIds).TakeWhile(pair => pair.First == pair.Second).Count();
                differences.Add($"run {run.RunId} ({run.Rejoins} rejoins): replay has {replay.Count} events, the client saw {run.SeenEventIds.Count}; " +
                    $"from #{at}: replay [{string.Join(", ", replay.Skip(at).Take(4))}], client [{string.Join(", ", run.SeenEventIds.Skip(at).Take(4))}]");
            }
        }

        return new Findings(runs.Count, notTerminal, succeeded, eventsLost, runs.Sum(run => run.Cuts), runs.Sum(run => run.Rejoins), differences);
    }
}
