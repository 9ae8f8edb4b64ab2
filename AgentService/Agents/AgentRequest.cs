using Platform.AgentService.Knowledge;
using Platform.AgentService.Tools;

namespace Platform.AgentService.Agents;

/// <summary>Body of agent create and update; on update, fields left out keep their value.</summary>
public sealed record AgentRequest
{
    public string? Name { get; init; }
    public string? Instructions { get; init; }
    public string? Model { get; init; }
    public List<ToolSpec>? Tools { get; init; }
    public AgentLimits? Limits { get; init; }

    /// <summary>Null when valid, else the offending field and why.</summary>
    public async Task<(string Param, string Message)?> ValidateAsync(AgentOptions options, bool creating, string caller, KnowledgeStore knowledge)
    {
        if (creating && string.IsNullOrWhiteSpace(Name) || Name is { Length: 0 or > 200 })
        {
            return ("name", "'name' is required and must be 1-200 characters.");
        }

        if (creating && string.IsNullOrWhiteSpace(Model) || Model is { Length: 0 or > 200 })
        {
            return ("model", "'model' is required and must be 1-200 characters.");
        }

        if (Instructions is { Length: var length } && length > options.MaxInstructionsChars)
        {
            return ("instructions", $"'instructions' is longer than {options.MaxInstructionsChars} characters.");
        }

        if (Tools is { Count: var count } && count > options.MaxTools)
        {
            return ("tools", $"At most {options.MaxTools} tools are allowed.");
        }

        for (var i = 0; i < (Tools?.Count ?? 0); i++)
        {
            var tool = Tools![i];
            if (!ToolCatalog.Known.Contains(tool.Type))
            {
                return ($"tools[{i}].type", $"Unknown tool type '{tool.Type}'; expected one of {string.Join(", ", ToolCatalog.Known)}.");
            }

            if (tool.Type == ToolCatalog.KnowledgeSearch
                && (tool.CollectionId is null || await knowledge.FindAsync(tool.CollectionId, caller) is null))
            {
                return ($"tools[{i}].collection_id", "'knowledge_search' needs the id of one of your knowledge collections.");
            }
        }

        if (Limits?.MaxSteps is <= 0 or > 1000)
        {
            return ("limits.max_steps", "'limits.max_steps' must be between 1 and 1000.");
        }

        if (Limits?.DeadlineSeconds is <= 0 or > 86_400)
        {
            return ("limits.deadline_seconds", "'limits.deadline_seconds' must be between 1 and 86400.");
        }

        return null;
    }
}

/// <summary>An agent as the API shows it.</summary>
public sealed record AgentView(string Id, string Object, string Name, string Instructions, string Model, IReadOnlyList<ToolSpec> Tools, AgentLimits Limits, bool Shared, long CreatedAt)
{
    public static AgentView From(AgentDefinition agent) =>
        new(agent.Id, "agent", agent.Name, agent.Instructions, agent.Model, agent.Tools, agent.Limits, agent.IsShared, agent.CreatedAt.ToUnixTimeSeconds());
}
