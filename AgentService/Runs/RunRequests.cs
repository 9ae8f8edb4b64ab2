namespace Platform.AgentService.Runs;

/// <summary>Body of <c>POST /v1/threads/{id}/runs</c>.</summary>
public sealed record CreateRunRequest
{
    public string? AgentId { get; init; }
    public string? Input { get; init; }

    /// <summary>Stream the run's events on the response (SSE) instead of answering with the run.</summary>
    public bool Stream { get; init; }

    /// <summary>Answer at once with the queued run instead of waiting for it to stop.</summary>
    public bool Background { get; init; }

    /// <summary>What to do when the thread already has an active run: reject (default), enqueue, interrupt, rollback.</summary>
    public string? MultitaskStrategy { get; init; }
}

/// <summary>Body of <c>POST /v1/runs/{id}/approvals</c>: one decision per pending tool call that requires approval.</summary>
public sealed record ApprovalRequest
{
    public List<ApprovalDecision>? Decisions { get; init; }
}

public sealed record ApprovalDecision
{
    public string? ToolCallId { get; init; }
    public bool Approve { get; init; }
    public string? Reason { get; init; }
}
