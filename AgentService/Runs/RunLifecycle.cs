using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Platform.AgentService.Quotas;
using Platform.AgentService.Threads;

namespace Platform.AgentService.Runs;

/// <summary>
/// The one owner of run state: every change of a run goes through here. <see cref="RunStateMachine"/> decides the
/// transition; this applies it: the compare-and-set with its events, the thread's history, the hand-over of the
/// thread's turn, the work queue and the approval index in one script (a crash leaves all or nothing of it), then
/// metrics and the log.
/// </summary>
public sealed class RunLifecycle(
    RunStore runs,
    ThreadStore threads,
    ThreadTurns turns,
    TenantLimits tenants,
    AgentTelemetry telemetry,
    TimeProvider clock,
    IOptions<RunOptions> options,
    ILogger<RunLifecycle> logger)
{
    public abstract record Entered
    {
        /// <summary>The run holds the thread's turn and is queued.</summary>
        public sealed record Started(Run Run) : Entered;

        /// <summary>The run waits behind <paramref name="ActiveRunId"/>.</summary>
        public sealed record Waiting(Run Run, string ActiveRunId) : Entered;

        public sealed record Busy(string ActiveRunId) : Entered;

        public sealed record QueueFull(string ActiveRunId) : Entered;

        /// <summary>The tenant already has as many active runs as its <c>active_runs</c> quota allows.</summary>
        public sealed record OverQuota(TenantLimitSet Limits) : Entered;
    }

    /// <summary>Stores a new run and enters it on its thread by <paramref name="strategy"/>; a refused run is not kept.</summary>
    public async Task<Entered> CreateAsync(Run run, MultitaskStrategy strategy)
    {
        // The record exists before the thread points at it, so a turn always names a real run.
        await runs.CreateAsync(run);
        await ReleaseStaleTurnAsync(run.ThreadId, run.Owner);
        var limits = await tenants.ForAsync(run.Owner);
        var (outcome, active) = await turns.EnterAsync(run.ThreadId, run.Owner, run.Id, strategy, options.Value.MaxWaitingRunsPerThread, limits.ActiveRuns);
        switch (outcome)
        {
            case ThreadTurns.Outcome.Busy or ThreadTurns.Outcome.Full or ThreadTurns.Outcome.OverQuota:
                await runs.DeleteAsync(run.Id);
                return outcome switch
                {
                    ThreadTurns.Outcome.Busy => new Entered.Busy(active!),
                    ThreadTurns.Outcome.Full => new Entered.QueueFull(active!),
                    _ => new Entered.OverQuota(limits),
                };
            case ThreadTurns.Outcome.Started:
                Reached(run);
                return new Entered.Started(run);
        }

        Reached(run);
        logger.LogInformation("Run {RunId} waits behind {ActiveRunId} on thread {ThreadId} ({Strategy})", run.Id, active, run.ThreadId, strategy);
        if (strategy is MultitaskStrategy.Interrupt or MultitaskStrategy.Rollback && await runs.GetAsync(active!) is { } current)
        {
            await CancelAsync(current, strategy == MultitaskStrategy.Interrupt ? CancelReasons.Interrupted : CancelReasons.RolledBack);
        }

        return new Entered.Waiting(run, active!);
    }

    /// <summary>
    /// Asks the run to stop: recorded on the run (so a worker starting it later sees it) and published for the worker
    /// running it; a queued or waiting run ends here at once. Returns the run as stored afterwards.
    /// </summary>
    public async Task<Run> CancelAsync(Run run, string reason)
    {
        await runs.RequestCancelAsync(run.Id, reason);
        await runs.PublishAsync(RunCancellations.Channel, run.Id);
        return await ApplyAsync(run, new RunTrigger.Cancel(reason, ByWorker: false)) ?? await runs.GetAsync(run.Id) ?? run;
    }

    /// <summary>A worker takes the run; null when it may not run (ended, or failed/expired here instead).</summary>
    public async Task<Run?> StartAsync(Run run, bool reclaimed)
    {
        var next = await ApplyAsync(run, new RunTrigger.Start(options.Value.MaxAttempts, reclaimed));
        return next is { Status: RunStatus.Running } ? next : null;
    }

    /// <summary>Counts the next model call; null when the run is no longer running.</summary>
    public Task<Run?> BeginStepAsync(Run run) => ApplyAsync(run, new RunTrigger.BeginStep());

    public async Task<Run?> PauseAsync(Run run, IReadOnlyList<PendingToolCall> pending)
    {
        using var activity = AgentTelemetry.Source.StartActivity("approval.requested");
        activity?.SetTag("platform.run.id", run.Id);
        activity?.SetTag("platform.approval.tool_calls", string.Join(",", pending.Select(call => call.Name)));
        return await ApplyAsync(run, new RunTrigger.Pause(pending));
    }

    public Task<Run?> ResumeAsync(Run run) => ApplyAsync(run, new RunTrigger.Resume());

    /// <summary>
    /// This replica shuts down: the run goes back to the queue (a new entry, the held one acknowledged) for another
    /// replica to resume from its checkpoint, the attempt not counted. Null when the run was no longer running.
    /// </summary>
    public async Task<Run?> HandBackAsync(Run run, string entryId)
    {
        var next = await ApplyAsync(run, new RunTrigger.HandBack(entryId));
        if (next is not null)
        {
            telemetry.HandedBack();
            logger.LogInformation("Handed run {RunId} back to the queue while shutting down", run.Id);
        }

        return next;
    }

    public Task<Run?> SucceedAsync(Run run, string output, IReadOnlyList<ChatMessage> conversation) =>
        ApplyAsync(run, new RunTrigger.Succeed(output), conversation);

    public Task<Run?> FailAsync(Run run, string reason, string error) => ApplyAsync(run, new RunTrigger.Fail(reason, error));

    /// <summary>The worker holding the run ends it after a cancel request reached it.</summary>
    public Task<Run?> EndCancelledAsync(Run run, string reason) => ApplyAsync(run, new RunTrigger.Cancel(reason, ByWorker: true));

    public Task<Run?> ExpireAsync(Run run) => ApplyAsync(run, new RunTrigger.Expire());

    /// <summary>Expires runs whose deadline passed while they waited for approval.</summary>
    public async Task ExpireOverdueWaitingAsync()
    {
        foreach (var runId in await runs.OverdueWaitingAsync(clock.GetUtcNow(), 100))
        {
            if (await runs.GetAsync(runId) is { Status: RunStatus.RequiresAction } run)
            {
                await ExpireAsync(run);
            }

            await runs.UntrackWaitingAsync(runId);
        }
    }

    private async Task<Run?> ApplyAsync(Run run, RunTrigger trigger, IReadOnlyList<ChatMessage>? conversation = null)
    {
        if (RunStateMachine.Decide(run, trigger, clock.GetUtcNow()) is not { } transition)
        {
            return null;
        }

        var next = transition.Next;
        var limits = await tenants.ForAsync(next.Owner);
        // Only the run whose turn it is changes the history, so reading it before the script cannot lose a write.
        List<ChatMessage>? history = transition.History switch
        {
            HistoryChange.AppendInput => [.. await threads.GetMessagesAsync(next.ThreadId), .. next.InputAsMessages()],
            HistoryChange.ReplaceWithConversation => [.. conversation ?? []],
            _ => null,
        };
        var kept = history is null ? null : AgentJson.SerializeMessages(HistoryTrimmer.Trim(history, limits.ThreadMessages));
        var result = await runs.TransitionAsync(transition, kept, new TransitionRetention(limits.RunTtl, clock.GetUtcNow() + limits.ThreadTtl));
        if (!result.Made)
        {
            return null;
        }

        if (result.HandedTo is { } handedTo)
        {
            logger.LogInformation("Thread {ThreadId} passed from run {RunId} to {NextRunId}", next.ThreadId, next.Id, handedTo);
        }

        if (transition.Reclaims)
        {
            telemetry.Reclaimed();
            logger.LogWarning("Reclaimed run {RunId} after its worker stopped (attempt {Attempt})", next.Id, next.Attempts);
        }

        if (transition.WritesStatusEvent)
        {
            Reached(next);
        }

        return next;
    }

    private void Reached(Run run)
    {
        telemetry.RunReached(run);
        if (run.IsTerminal)
        {
            logger.LogInformation("Run {RunId} ended {Status} ({Reason}) after {Steps} steps", run.Id, RunStatusNames.Of(run.Status), run.Reason ?? "-", run.Steps);
        }
        else
        {
            logger.LogInformation("Run {RunId} is {Status} (attempt {Attempt})", run.Id, RunStatusNames.Of(run.Status), run.Attempts);
        }
    }

    /// <summary>
    /// A turn held by a run that has ended, or whose record is gone (expired after <see cref="RunOptions.RetainFor"/>),
    /// is handed on; a live run keeps it.
    /// </summary>
    private async Task ReleaseStaleTurnAsync(string threadId, string tenant)
    {
        if (await turns.ActiveRunAsync(threadId) is { } holder && await runs.GetAsync(holder) is not { IsTerminal: false })
        {
            await turns.ReleaseAsync(threadId, tenant, holder);
        }
    }
}
