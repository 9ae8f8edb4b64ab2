namespace Platform.AgentService.Runs;

/// <summary>A run as the API shows it.</summary>
public sealed record RunView(
    string Id,
    string Object,
    string ThreadId,
    string AgentId,
    string Status,
    bool Background,
    string? Output,
    string? Reason,
    string? Error,
    int Steps,
    int MaxSteps,
    int Attempts,
    IReadOnlyList<PendingToolCall>? PendingToolCalls,
    long CreatedAt,
    long DeadlineAt,
    long? StartedAt,
    long? CompletedAt)
{
    public static RunView From(Run run) => new(
        run.Id, "run", run.ThreadId, run.Agent.Id, RunStatusNames.Of(run.Status), run.Background, run.Output, run.Reason, run.Error,
        run.Steps, run.MaxSteps, run.Attempts, run.Status == RunStatus.RequiresAction ? run.PendingToolCalls : null,
        run.CreatedAt.ToUnixTimeSeconds(), run.DeadlineAt.ToUnixTimeSeconds(), run.StartedAt?.ToUnixTimeSeconds(), run.CompletedAt?.ToUnixTimeSeconds());
}
