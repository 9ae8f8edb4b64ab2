namespace Platform.AgentService.Runs;

/// <summary>What can happen to a run; <see cref="RunStateMachine"/> turns each into a transition or refuses it.</summary>
public abstract record RunTrigger
{
    /// <summary>A worker picked the run from the queue (<paramref name="Reclaimed"/>: from a worker that went silent).</summary>
    public sealed record Start(int MaxAttempts, bool Reclaimed) : RunTrigger;

    /// <summary>The worker is about to make the next model call.</summary>
    public sealed record BeginStep : RunTrigger;

    /// <summary>The model asked for tool calls that need a decision.</summary>
    public sealed record Pause(IReadOnlyList<PendingToolCall> Pending) : RunTrigger;

    /// <summary>Every decision arrived: the run goes back to the queue.</summary>
    public sealed record Resume : RunTrigger;

    /// <summary>
    /// The replica holding the run shuts down: the run goes back to the queue for another replica (a new entry in
    /// place of <paramref name="EntryId"/>), the attempt not counted, since a drain is not a lost worker.
    /// </summary>
    public sealed record HandBack(string EntryId) : RunTrigger;

    public sealed record Succeed(string Output) : RunTrigger;

    public sealed record Fail(string Reason, string Error) : RunTrigger;

    /// <summary>
    /// Ends the run as cancelled. A run a worker holds is ended by that worker (<paramref name="ByWorker"/>); anyone
    /// else can only end one that is queued or waiting for approval.
    /// </summary>
    public sealed record Cancel(string Reason, bool ByWorker) : RunTrigger;

    public sealed record Expire : RunTrigger;
}

/// <summary>Why a run was cancelled (the value of its <c>cancel</c> flag and of its <c>reason</c>).</summary>
public static class CancelReasons
{
    public const string ByClient = "cancelled_by_client";

    /// <summary>A newer run on the thread took over (<c>multitask_strategy: interrupt</c>); the input stays in the history.</summary>
    public const string Interrupted = "interrupted";

    /// <summary>A newer run on the thread took over (<c>multitask_strategy: rollback</c>); nothing of this run stays in the history.</summary>
    public const string RolledBack = "rolled_back";
}
