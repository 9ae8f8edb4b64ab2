using Microsoft.Extensions.Options;

namespace Platform.AgentService.Runs;

/// <summary>
/// Gives a run this replica holds back to the queue when it shuts down: status back to <c>queued</c> with the
/// attempt not counted (a drain is not a lost worker), a <c>run.handed_back</c> event, and a fresh queue entry that
/// any other worker reads at once. If Redis cannot be reached, the entry stays pending and is reclaimed later.
/// </summary>
public sealed class RunHandBack(RunStore runs, RunQueue queue, AgentTelemetry telemetry, IOptions<RunOptions> options, ILogger<RunHandBack> logger)
{
    public async Task HandBackAsync(QueueEntry entry)
    {
        if (!options.Value.HandBackOnShutdown)
        {
            return;
        }

        try
        {
            if (await runs.GetAsync(entry.RunId) is not { Status: RunStatus.Running } run)
            {
                return;
            }

            var queued = run with { Status = RunStatus.Queued, Attempts = Math.Max(0, run.Attempts - 1) };
            if (await runs.TransitionAsync(queued, RunStatus.Running))
            {
                await runs.AppendEventAsync(run.Id, RunEventTypes.HandedBack, new { reason = "replica_shutting_down" });
                await queue.RequeueAsync(entry);
                telemetry.HandedBack();
                logger.LogInformation("Handed run {RunId} back to the queue while shutting down", run.Id);
            }
        }
        catch (RedisException exception)
        {
            logger.LogWarning(exception, "Could not hand run {RunId} back; it will be reclaimed after the visibility timeout", entry.RunId);
        }
    }
}
