namespace Platform.AgentService.Agents;

/// <summary>
/// An agent: instructions, a model and the tools it may call, with limits for its runs. <see cref="Owner"/> is the
/// client that created it; agents seeded from configuration have no owner and are shared read-only.
/// </summary>
public sealed record AgentDefinition
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string Instructions { get; init; } = "";
    public required string Model { get; init; }
    public IReadOnlyList<ToolSpec> Tools { get; init; } = [];
    public AgentLimits Limits { get; init; } = new();
    public string? Owner { get; init; }
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;

    public bool IsShared => Owner is null;
}

/// <summary>
/// A tool the agent may call; <c>collection_id</c> is the knowledge collection <c>knowledge_search</c> searches. An
/// <c>mcp</c> entry names a remote MCP server whose tools the agent may call: <c>requires_approval</c> then gates all
/// of them, <c>tools_requiring_approval</c> only those named, and <c>allowed_tools</c> (when set) limits which are offered.
/// </summary>
public sealed record ToolSpec
{
    public string Type { get; init; } = "";
    public bool RequiresApproval { get; init; }
    public string? CollectionId { get; init; }
    public string? ServerLabel { get; init; }
    public string? ServerUrl { get; init; }
    public List<string>? AllowedTools { get; init; }
    public List<string>? ToolsRequiringApproval { get; init; }
}

/// <summary>Per-agent limits; unset values fall back to the run defaults (<c>Runs:DefaultMaxSteps</c>, <c>Runs:DefaultDeadline</c>).</summary>
public sealed record AgentLimits
{
    public int? MaxSteps { get; init; }
    public int? DeadlineSeconds { get; init; }
}
