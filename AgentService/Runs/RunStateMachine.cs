namespace Platform.AgentService.Runs;

/// <summary>
/// The run lifecycle as a pure function: given a run and a trigger, the transition to make, or null when the run's
/// status does not allow it. No I/O: <see cref="RunLifecycle"/> applies what this decides.
/// </summary>
public static class RunStateMachine
{
    private static readonly RunStatus[] Unfinished = [RunStatus.Queued, RunStatus.Running, RunStatus.RequiresAction];

    public static RunTransition? Decide(Run run, RunTrigger trigger, DateTimeOffset now) => trigger switch
    {
        RunTrigger.Start start => Start(run, start, now),
        RunTrigger.BeginStep => run.Status == RunStatus.Running
            ? new RunTransition(run with { Steps = run.Steps + 1, OpenStep = run.Steps + 1 }, [RunStatus.Running]) { WritesStatusEvent = false }
            : null,
        RunTrigger.Pause pause => run.Status == RunStatus.Running
            ? new RunTransition(run with { Status = RunStatus.RequiresAction, PendingToolCalls = pause.Pending }, [RunStatus.Running])
            {
                Events = [new RunEventDraft(RunEventTypes.ApprovalRequested, new { tool_calls = pause.Pending })],
                TracksWaiting = true,
            }
            : null,
        RunTrigger.Resume => Resume(run, now),
        RunTrigger.HandBack handBack => run.Status == RunStatus.Running
            ? new RunTransition(run with { Status = RunStatus.Queued, Attempts = Math.Max(0, run.Attempts - 1) }, [RunStatus.Running])
            {
                Events = [new RunEventDraft(RunEventTypes.HandedBack, new { reason = "replica_shutting_down" })],
                Redelivers = true,
                Acknowledges = handBack.EntryId,
            }
            : null,
        RunTrigger.Succeed succeed => run.Status == RunStatus.Running
            ? End(run with { Output = succeed.Output }, RunStatus.Succeeded, null, null, now, [RunStatus.Running]) with { History = HistoryChange.ReplaceWithConversation }
            : null,
        RunTrigger.Fail fail => run.IsTerminal ? null : End(run, RunStatus.Failed, fail.Reason, fail.Error, now, Unfinished),
        RunTrigger.Cancel cancel => Cancel(run, cancel, now),
        RunTrigger.Expire => run.IsTerminal ? null : Expire(run, now, Unfinished),
        _ => null,
    };

    private static RunTransition? Start(Run run, RunTrigger.Start start, DateTimeOffset now)
    {
        if (!run.IsActive)
        {
            return null;
        }

        RunStatus[] from = [RunStatus.Queued, RunStatus.Running];
        if (run.Attempts >= start.MaxAttempts)
        {
            return End(run, RunStatus.Failed, "worker_lost", $"The run was started {run.Attempts} times and its worker was lost each time.", now, from);
        }

        if (now >= run.DeadlineAt)
        {
            return Expire(run, now, from);
        }

        var attempt = run.Attempts + 1;
        var events = new List<RunEventDraft>();
        if (start.Reclaimed)
        {
            events.Add(new RunEventDraft(RunEventTypes.Reclaimed, new { attempt }));
        }

        // A queued run with a step open was handed back mid-way; it resumes from its checkpoint like a reclaimed one.
        if ((start.Reclaimed || run.Status == RunStatus.Queued) && run.OpenStep is { } step)
        {
            events.Add(new RunEventDraft(RunEventTypes.ModelCallRestarted, new { step, attempt }));
        }

        return new RunTransition(run with { Status = RunStatus.Running, Attempts = attempt, StartedAt = run.StartedAt ?? now }, from)
        {
            Events = events,
            Reclaims = start.Reclaimed,
        };
    }

    private static RunTransition? Resume(Run run, DateTimeOffset now)
    {
        if (run.Status != RunStatus.RequiresAction)
        {
            return null;
        }

        if (now >= run.DeadlineAt)
        {
            return Expire(run, now, [RunStatus.RequiresAction]);
        }

        // The checkpoint now ends with the decisions, past the last model call: a resume repeats no call.
        return new RunTransition(run with { Status = RunStatus.Queued, PendingToolCalls = null, OpenStep = null }, [RunStatus.RequiresAction])
        {
            UntracksWaiting = true,
            Enqueues = true,
        };
    }

    private static RunTransition? Cancel(Run run, RunTrigger.Cancel cancel, DateTimeOffset now)
    {
        RunStatus[] from = cancel.ByWorker ? [RunStatus.Running] : [RunStatus.Queued, RunStatus.RequiresAction];
        if (!from.Contains(run.Status))
        {
            return null;
        }

        var transition = End(run, RunStatus.Cancelled, cancel.Reason, null, now, from);
        return cancel.Reason == CancelReasons.RolledBack ? transition with { History = HistoryChange.None } : transition;
    }

    private static RunTransition Expire(Run run, DateTimeOffset now, RunStatus[] from) =>
        End(run, RunStatus.Expired, "deadline_exceeded", run.Status == RunStatus.RequiresAction
            ? "The run's deadline passed while it waited for approval."
            : "The run's deadline passed before it finished.", now, from);

    // A run that never started (e.g. cancelled while waiting its turn) was never part of the conversation.
    private static RunTransition End(Run run, RunStatus status, string? reason, string? error, DateTimeOffset now, RunStatus[] from) =>
        new(Ended(run, status, reason, error, now), from)
        {
            History = run.Attempts == 0 ? HistoryChange.None : HistoryChange.AppendInput,
            ReleasesThread = true,
            UntracksWaiting = true,
        };

    private static Run Ended(Run run, RunStatus status, string? reason, string? error, DateTimeOffset now) =>
        run with { Status = status, Reason = reason, Error = error, PendingToolCalls = null, CompletedAt = now };
}
