using System.Text.Json.Nodes;
using Platform.Bench.LoadTest;

namespace Platform.Drills.Tests.Support;

/// <summary>
/// After the load: each followed run is read back whole from the store. A run is lost if it is not in a terminal
/// state; an event is lost if the replay, up to the terminal status the client was shown, has an id the client,
/// rejoining with Last-Event-ID, never saw (or saw twice). Events stored after that terminal status are counted apart:
/// no client following the run can see them, so they are a defect of the run's lifecycle, not of the stream.
/// </summary>
public static class RunAudit
{
    private static readonly HashSet<string> Terminal = ["succeeded", "failed", "cancelled", "expired"];

    /// <param name="Differences">For each run whose client saw other events than the replay: where they part.</param>
    public sealed record Findings(int Runs, int NotTerminal, int Succeeded, int RunsWithEventsLost, int StreamsCut, int Rejoins, IReadOnlyList<string> Differences)
    {
        /// <summary>Runs with events stored after the terminal status their stream ended on, and where.</summary>
        public IReadOnlyList<string> EventsAfterEnd { get; init; } = [];
    }

    public static async Task<Findings> CheckAsync(Uri gateway, IReadOnlyList<FollowedRun> runs)
    {
        using var http = PlatformClient.CreateHttpClient(new LoadOptions { Gateway = gateway, ApiKey = DrillPlatform.ApiKey });
        int notTerminal = 0, succeeded = 0, eventsLost = 0;
        var differences = new List<string>();
        var afterEnd = new List<string>();
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

            var shown = run.FinalStatus is not null && run.SeenEventIds.Count > 0 && replay.IndexOf(run.SeenEventIds[^1]) is var end and >= 0
                ? replay.Take(end + 1).ToList()
                : replay;
            if (shown.Count < replay.Count)
            {
                afterEnd.Add($"run {run.RunId}: {replay.Count - shown.Count} events stored after the terminal status its stream ended on, from {replay[shown.Count]}");
            }

            if (!shown.SequenceEqual(run.SeenEventIds))
            {
                eventsLost++;
                var at = replay.Zip(run.SeenEventIds).TakeWhile(pair => pair.First == pair.Second).Count();
                differences.Add($"run {run.RunId} ({run.Rejoins} rejoins): replay has {replay.Count} events, the client saw {run.SeenEventIds.Count}; " +
                    $"from #{at}: replay [{string.Join(", ", replay.Skip(at).Take(4))}], client [{string.Join(", ", run.SeenEventIds.Skip(at).Take(4))}]");
            }
        }

        return new Findings(runs.Count, notTerminal, succeeded, eventsLost, runs.Sum(run => run.Cuts), runs.Sum(run => run.Rejoins), differences)
        {
            EventsAfterEnd = afterEnd,
        };
    }
}
