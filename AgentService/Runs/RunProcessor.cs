using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Platform.AgentService.Runs;

/// <summary>
/// Takes one queue entry through to a stopping point: a terminal status, <c>requires_action</c>, or (when this
/// replica is shutting down) back in the queue for another replica (<see cref="RunLifecycle.HandBackAsync"/>). Every
/// status change is asked of <see cref="RunLifecycle"/>.
/// </summary>
public sealed class RunProcessor(
    RunStore runs,
    RunExecutor executor,
    RunLifecycle lifecycle,
    RunCancellations cancellations,
    TimeProvider clock,
    IOptions<RunOptions> options,
    ILogger<RunProcessor> logger)
{
    /// <summary>Returns whether the entry is done with and may be acknowledged.</summary>
    public async Task<bool> ProcessAsync(QueueEntry entry, CancellationToken stopping)
    {
        if (await runs.GetAsync(entry.RunId) is not { IsActive: true } stored
            || await lifecycle.StartAsync(stored, entry.Reclaimed) is not { } run)
        {
            return true;
        }

        using var activity = AgentTelemetry.Source.StartActivity("run", ActivityKind.Internal);
        activity?.SetTag("platform.run.id", run.Id);
        activity?.SetTag("platform.agent.id", run.Agent.Id);
        activity?.SetTag("platform.run.attempt", run.Attempts);

        using var execution = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        execution.CancelAfter(run.DeadlineAt - clock.GetUtcNow());
        using var registration = await cancellations.RegisterAsync(run.Id, execution);
        var progress = new RunProgress(run, lifecycle);
        try
        {
            switch (await executor.ExecuteAsync(progress, execution.Token))
            {
                case RunOutcome.Answered answered:
                    await lifecycle.SucceedAsync(progress.Run, answered.Output, answered.Conversation);
                    break;
                case RunOutcome.NeedsApproval approval:
                    await lifecycle.PauseAsync(progress.Run, approval.Pending);
                    break;
            }

            return true;
        }
        catch (Exception exception) when (stopping.IsCancellationRequested)
        {
            // This replica is stopping: another replica resumes the run from its checkpoint.
            logger.LogInformation(exception, "Run {RunId} interrupted by shutdown", run.Id);
            await HandBackAsync(progress.Run, entry);
            return false;
        }
        catch (Exception exception)
        {
            var latest = progress.Run;
            if (await runs.CancelReasonAsync(run.Id) is { } reason)
            {
                await lifecycle.EndCancelledAsync(latest, reason);
            }
            else if (execution.IsCancellationRequested || clock.GetUtcNow() >= run.DeadlineAt)
            {
                // Nothing else cancels the execution: the deadline timer fired. The timer and the wall clock may
                // disagree by a moment, so the clock alone would call a run that hit its deadline a model error.
                await lifecycle.ExpireAsync(latest);
            }
            else if (exception is RunLimitException limit)
            {
                await lifecycle.FailAsync(latest, limit.Reason, limit.Message);
            }
            else
            {
                logger.LogError(exception, "Run {RunId} failed", run.Id);
                activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
                var message = FailureDescriptions.OfModelCall(exception);
                await runs.AppendEventAsync(run.Id, RunEventTypes.Error, new { message });
                await lifecycle.FailAsync(latest, "model_error", message);
            }

            return true;
        }
    }

    /// <summary>
    /// Hands the run back at once, unless that is switched off (<see cref="RunOptions.HandBackOnShutdown"/>): then, or
    /// when Redis cannot be reached, the entry stays pending and is reclaimed after the visibility timeout.
    /// </summary>
    private async Task HandBackAsync(Run run, QueueEntry entry)
    {
        if (!options.Value.HandBackOnShutdown)
        {
            return;
        }

        try
        {
            await lifecycle.HandBackAsync(run, entry.Id);
        }
        catch (RedisException exception)
        {
            logger.LogWarning(exception, "Could not hand run {RunId} back; it will be reclaimed after the visibility timeout", run.Id);
        }
    }
}

/// <summary>The run a worker is executing, with its step count advanced through the lifecycle.</summary>
public sealed class RunProgress(Run run, RunLifecycle lifecycle)
{
    public Run Run { get; private set; } = run;

    /// <summary>Counts the next model call and returns its step number.</summary>
    public async Task<int> NextStepAsync()
    {
        Run = await lifecycle.BeginStepAsync(Run) ?? throw new OperationCanceledException($"Run {Run.Id} is no longer running.");
        return Run.Steps;
    }
}
