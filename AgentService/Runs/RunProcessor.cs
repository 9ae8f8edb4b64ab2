using System.Diagnostics;
using Microsoft.Extensions.Options;
using Platform.AgentService.Threads;

namespace Platform.AgentService.Runs;

/// <summary>
/// Takes one queue entry through to a stopping point: a terminal status, <c>requires_action</c>, or (when this
/// replica is shutting down) back in the queue for another replica (<see cref="RunHandBack"/>).
/// </summary>
public sealed class RunProcessor(
    RunStore runs,
    RunExecutor executor,
    RunFinisher finisher,
    RunCancellations cancellations,
    RunHandBack handBack,
    AgentTelemetry telemetry,
    TimeProvider clock,
    IOptions<RunOptions> options,
    ILogger<RunProcessor> logger)
{
    /// <summary>Returns whether the entry is done with and may be acknowledged.</summary>
    public async Task<bool> ProcessAsync(QueueEntry entry, CancellationToken stopping)
    {
        var run = await runs.GetAsync(entry.RunId);
        if (run is null || !run.IsActive)
        {
            return true;
        }

        if (entry.Reclaimed)
        {
            telemetry.Reclaimed();
            logger.LogWarning("Reclaimed run {RunId} after its worker stopped (attempt {Attempt})", run.Id, run.Attempts + 1);
            await runs.AppendEventAsync(run.Id, RunEventTypes.Reclaimed, new { attempt = run.Attempts + 1 });
        }

        var now = clock.GetUtcNow();
        if (run.Attempts >= options.Value.MaxAttempts)
        {
            await finisher.FinishAsync(run, RunStatus.Failed, "worker_lost", $"The run was started {run.Attempts} times and its worker was lost each time.");
            return true;
        }

        if (now >= run.DeadlineAt)
        {
            await finisher.FinishAsync(run, RunStatus.Expired, "deadline_exceeded", "The run's deadline passed before it finished.");
            return true;
        }

        var running = run with { Status = RunStatus.Running, Attempts = run.Attempts + 1, StartedAt = run.StartedAt ?? now };
        if (!await runs.TransitionAsync(running, RunStatus.Queued, RunStatus.Running))
        {
            return true;
        }

        telemetry.RunReached(running);
        logger.LogInformation("Run {RunId} of agent {AgentId} started (attempt {Attempt})", run.Id, run.Agent.Id, running.Attempts);
        using var activity = AgentTelemetry.Source.StartActivity("run", ActivityKind.Internal);
        activity?.SetTag("platform.run.id", run.Id);
        activity?.SetTag("platform.agent.id", run.Agent.Id);
        activity?.SetTag("platform.run.attempt", running.Attempts);

        using var execution = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        execution.CancelAfter(run.DeadlineAt - now);
        using var registration = await cancellations.RegisterAsync(run.Id, execution);
        var progress = new RunProgress(running, runs);
        try
        {
            var outcome = await executor.ExecuteAsync(progress, execution.Token);
            var latest = await runs.GetAsync(run.Id) ?? progress.Run;
            switch (outcome)
            {
                case RunOutcome.Answered answered:
                    await finisher.FinishAsync(latest with { Output = answered.Output }, RunStatus.Succeeded, null, null);
                    break;
                case RunOutcome.NeedsApproval approval:
                    await finisher.PauseAsync(latest, approval.Pending);
                    break;
            }

            return true;
        }
        catch (Exception exception) when (stopping.IsCancellationRequested)
        {
            // This replica is stopping: another replica resumes the run from its checkpoint.
            logger.LogInformation(exception, "Run {RunId} interrupted by shutdown", run.Id);
            await handBack.HandBackAsync(entry);
            return false;
        }
        catch (Exception exception)
        {
            var latest = await runs.GetAsync(run.Id) ?? progress.Run;
            if (await runs.IsCancelRequestedAsync(run.Id))
            {
                await finisher.FinishAsync(latest, RunStatus.Cancelled, "cancelled_by_client", null);
            }
            else if (clock.GetUtcNow() >= run.DeadlineAt)
            {
                await finisher.FinishAsync(latest, RunStatus.Expired, "deadline_exceeded", "The run's deadline passed before it finished.");
            }
            else if (exception is RunLimitException limit)
            {
                await finisher.FinishAsync(latest, RunStatus.Failed, limit.Reason, limit.Message);
            }
            else
            {
                logger.LogError(exception, "Run {RunId} failed", run.Id);
                activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
                await runs.AppendEventAsync(run.Id, RunEventTypes.Error, new { message = exception.Message, type = exception.GetType().Name });
                await finisher.FinishAsync(latest, RunStatus.Failed, "model_error", exception.Message);
            }

            return true;
        }
    }
}
