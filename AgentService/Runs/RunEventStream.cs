using System.Text.RegularExpressions;

namespace Platform.AgentService.Runs;

/// <summary>
/// Writes a run's events as Server-Sent Events (<c>id:</c> = stream entry id, <c>event:</c> = type): first the
/// stored ones after the given id, then new ones as they arrive, until the run stops (terminal or waiting for
/// approval) and nothing is left to send. A client that drops reconnects with <c>Last-Event-ID</c> and misses nothing.
/// </summary>
public sealed partial class RunEventStream(RunStore runs)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    [GeneratedRegex(@"^\d{1,20}-\d{1,20}$")]
    public static partial Regex EventIdPattern();

    public async Task WriteAsync(HttpResponse response, string runId, string? after, CancellationToken cancellationToken)
    {
        SseWriter.Start(response);
        await response.Body.FlushAsync(cancellationToken);

        var last = after ?? "0-0";
        while (!cancellationToken.IsCancellationRequested)
        {
            var batch = await runs.ReadEventsAsync(runId, last, 100);
            foreach (var item in batch)
            {
                await SseWriter.WriteEventAsync(response, item.Id, item.Type, item.Data, cancellationToken);
                last = item.Id;
            }

            if (batch.Count > 0)
            {
                await response.Body.FlushAsync(cancellationToken);
                continue;
            }

            // The status is changed in the same script that writes its event, so once the run has stopped,
            // one more read finds every event there will be.
            if (await runs.GetAsync(runId) is not { IsActive: true })
            {
                if ((await runs.ReadEventsAsync(runId, last, 1)).Count == 0)
                {
                    return;
                }

                continue;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    /// <summary>Waits until the run stops (terminal or waiting for approval) and returns it.</summary>
    public async Task<Run?> WaitAsync(string runId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var run = await runs.GetAsync(runId);
            if (run is not { IsActive: true })
            {
                return run;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }
}
