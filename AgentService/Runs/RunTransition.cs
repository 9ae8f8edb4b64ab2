namespace Platform.AgentService.Runs;

/// <summary>What a transition does to the thread's history.</summary>
public enum HistoryChange
{
    None,

    /// <summary>The run's input is added (a run that ended without an answer: the question stays, the events say why).</summary>
    AppendInput,

    /// <summary>The history becomes the run's whole conversation (input, tool calls and results, answer).</summary>
    ReplaceWithConversation,
}

/// <summary>An event written in the same script as the status change, before the <c>run.status</c> event.</summary>
public sealed record RunEventDraft(string Type, object Data);

/// <summary>
/// One allowed change of a run: the record it becomes, the statuses it may come from (checked and set atomically in
/// Redis), the events it writes, and its effects. Computed by <see cref="RunStateMachine"/>, applied by
/// <see cref="RunLifecycle"/>.
/// </summary>
public sealed record RunTransition(Run Next, IReadOnlyList<RunStatus> From)
{
    public IReadOnlyList<RunEventDraft> Events { get; init; } = [];

    /// <summary>False for progress (steps) saved without a status change.</summary>
    public bool WritesStatusEvent { get; init; } = true;

    public HistoryChange History { get; init; }

    /// <summary>The thread is released and handed to the next run waiting on it.</summary>
    public bool ReleasesThread { get; init; }

    public bool TracksWaiting { get; init; }

    public bool UntracksWaiting { get; init; }

    /// <summary>The run joins the back of its tenant's line in the work queue (fair across tenants).</summary>
    public bool Enqueues { get; init; }

    /// <summary>The run is queued ahead of every tenant's line (a handed-back run: it had its turn already).</summary>
    public bool Redelivers { get; init; }

    /// <summary>The queue entry the worker held, acknowledged in the same script (a hand-back replaces it with a new one).</summary>
    public string? Acknowledges { get; init; }

    public bool Reclaims { get; init; }
}
