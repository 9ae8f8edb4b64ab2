using System.Text.Json;
using Microsoft.Extensions.AI;
using Platform.AgentService.Agents;

namespace Platform.AgentService.Runs;

public enum RunStatus { Queued, Running, RequiresAction, Succeeded, Failed, Cancelled, Expired }

/// <summary>
/// One execution of an agent on a thread. The agent is copied in at creation so that editing or deleting it
/// later does not change a run in flight.
/// </summary>
public sealed record Run
{
    public required string Id { get; init; }
    public required string Owner { get; init; }
    public required string ThreadId { get; init; }
    public required AgentDefinition Agent { get; init; }
    public required string Input { get; init; }

    /// <summary>
    /// The input as chat messages (JSON as Microsoft.Extensions.AI writes them), when it is more than one user text:
    /// messages of several roles, tool results answering the client's function calls. Null: <see cref="Input"/> is it.
    /// </summary>
    public string? InputMessages { get; init; }

    /// <summary>Functions the client executes itself: the model may call them, and a call ends the run with it.</summary>
    public IReadOnlyList<ClientTool>? ClientTools { get; init; }
    public bool Background { get; init; }
    public RunStatus Status { get; init; } = RunStatus.Queued;

    /// <summary>Why a run failed or expired, as a short code (<c>max_steps_exceeded</c>, <c>deadline_exceeded</c>, <c>worker_lost</c>, <c>model_error</c>).</summary>
    public string? Reason { get; init; }
    public string? Error { get; init; }
    public string? Output { get; init; }
    public int MaxSteps { get; init; }
    public int Steps { get; init; }

    /// <summary>
    /// The model call a resume from the checkpoint would repeat: the last step started since the checkpoint was
    /// saved. A reclaiming worker announces it with <c>model.call.restarted</c>; approvals clear it.
    /// </summary>
    public int? OpenStep { get; init; }

    /// <summary>How many workers have started this run; a reclaim adds one.</summary>
    public int Attempts { get; init; }
    public IReadOnlyList<PendingToolCall>? PendingToolCalls { get; init; }
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
    public DateTimeOffset DeadlineAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }

    public bool IsTerminal => Status is RunStatus.Succeeded or RunStatus.Failed or RunStatus.Cancelled or RunStatus.Expired;

    /// <summary>Queued or running: a worker has it or will.</summary>
    public bool IsActive => Status is RunStatus.Queued or RunStatus.Running;

    /// <summary>What the run adds to the conversation before its first model call.</summary>
    public List<ChatMessage> InputAsMessages() =>
        InputMessages is null ? [new ChatMessage(ChatRole.User, Input)] : AgentJson.DeserializeMessages(InputMessages);
}

/// <summary>A function declared by the client (name, description, JSON schema of its arguments), executed by the client.</summary>
public sealed record ClientTool(string Name, string? Description, JsonElement Parameters);

/// <summary>A tool call the model asked for while the run waits for a decision.</summary>
public sealed record PendingToolCall(string Id, string Name, string Arguments, bool RequiresApproval, string RequestId);

public static class RunStatusNames
{
    public static string Of(RunStatus status) => status switch
    {
        RunStatus.Queued => "queued",
        RunStatus.Running => "running",
        RunStatus.RequiresAction => "requires_action",
        RunStatus.Succeeded => "succeeded",
        RunStatus.Failed => "failed",
        RunStatus.Cancelled => "cancelled",
        _ => "expired",
    };
}
