namespace Platform.AgentService.Runs;

/// <summary>What a new run does when its thread already has an active run (<c>multitask_strategy</c>).</summary>
public enum MultitaskStrategy
{
    /// <summary>Refused with 409 <c>thread_busy</c> (the default).</summary>
    Reject,

    /// <summary>Waits its turn behind the runs already on the thread, in order.</summary>
    Enqueue,

    /// <summary>The active run is cancelled (its input stays in the history) and this one goes next.</summary>
    Interrupt,

    /// <summary>The active run is cancelled and leaves nothing in the history; this one goes next.</summary>
    Rollback,
}
