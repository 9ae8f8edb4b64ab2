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

/// <summary>A tool the agent may call; <c>collection_id</c> is the knowledge collection <c>knowledge_search</c> searches.</summary>
public sealed record ToolSpec
{
    public string Type { get; init; } = "";
    public bool RequiresApproval { get; init; }
    public string? CollectionId { get; init; }
}

/// <summary>Per-agent limits; unset values fall back to the run defaults (<c>Runs:DefaultMaxSteps</c>, <c>Runs:DefaultDeadline</c>).</summary>
public sealed record AgentLimits
{
    public int? MaxSteps { get; init; }
    public int? DeadlineSeconds { get; init; }
}
