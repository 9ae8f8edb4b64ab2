namespace Platform.AgentService.Runs;

/// <summary>One entry of a run's event stream; <see cref="Id"/> is the Redis stream entry id (the SSE <c>id:</c>).</summary>
public sealed record RunEvent(string Id, string Type, string Data);

/// <summary>Event types written to a run's stream.</summary>
public static class RunEventTypes
{
    public const string Status = "run.status";
    public const string ModelCall = "model.call";

    /// <summary>Coalesced text of the model call in progress.</summary>
    public const string MessageDelta = "message.delta";

    /// <summary>Coalesced arguments of a tool call the model is writing.</summary>
    public const string ToolCallDelta = "tool_call.delta";

    /// <summary>A reclaiming worker repeats a model call whose deltas were already (partly) sent: discard them.</summary>
    public const string ModelCallRestarted = "model.call.restarted";
    public const string ToolCall = "tool.call";
    public const string ToolError = "tool.error";

    /// <summary>The tools an agent's MCP server offered this run execution.</summary>
    public const string McpToolsListed = "mcp.list_tools";

    /// <summary>An agent's MCP server could not be used (refused, unreachable, too slow); the run goes on without its tools.</summary>
    public const string McpToolsFailed = "mcp.list_tools.failed";
    public const string ApprovalRequested = "approval.requested";
    public const string ApprovalDecided = "approval.decided";
    public const string Reclaimed = "run.reclaimed";
    public const string HandedBack = "run.handed_back";
    public const string Error = "error";
}
