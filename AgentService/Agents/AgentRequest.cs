using Platform.AgentService.Knowledge;
using Platform.AgentService.Quotas;
using Platform.AgentService.Tools;
using Platform.AgentService.Tools.Mcp;

namespace Platform.AgentService.Agents;

/// <summary>Body of agent create and update; on update, fields left out keep their value.</summary>
public sealed record AgentRequest
{
    public string? Name { get; init; }
    public string? Instructions { get; init; }
    public string? Model { get; init; }
    public List<ToolSpec>? Tools { get; init; }
    public AgentLimits? Limits { get; init; }

    /// <summary>Throws <see cref="InvalidRequestException"/> naming the offending field and why.</summary>
    public async Task ValidateAsync(AgentOptions options, TenantLimitSet limits, bool creating, string caller, KnowledgeStore knowledge, McpServerRules mcp)
    {
        if (creating && string.IsNullOrWhiteSpace(Name) || Name is { Length: 0 or > 200 })
        {
            throw new InvalidRequestException("'name' is required and must be 1-200 characters.", "name");
        }

        if (creating && string.IsNullOrWhiteSpace(Model) || Model is { Length: 0 or > 200 })
        {
            throw new InvalidRequestException("'model' is required and must be 1-200 characters.", "model");
        }

        if (Instructions is { Length: var length } && length > options.MaxInstructionsChars)
        {
            throw new InvalidRequestException($"'instructions' is longer than {options.MaxInstructionsChars} characters.", "instructions");
        }

        if (Tools is { Count: var count } && count > options.MaxTools)
        {
            throw new InvalidRequestException($"At most {options.MaxTools} tools are allowed.", "tools");
        }

        for (var i = 0; i < (Tools?.Count ?? 0); i++)
        {
            var tool = Tools![i];
            if (!ToolCatalog.Known.Contains(tool.Type))
            {
                throw new InvalidRequestException($"Unknown tool type '{tool.Type}'; expected one of {string.Join(", ", ToolCatalog.Known)}.", $"tools[{i}].type");
            }

            if (tool.Type == ToolCatalog.KnowledgeSearch
                && (tool.CollectionId is null || await knowledge.FindAsync(tool.CollectionId, caller) is null))
            {
                throw new InvalidRequestException("'knowledge_search' needs the id of one of your knowledge collections.", $"tools[{i}].collection_id");
            }

            if (tool.Type == ToolCatalog.Mcp && mcp.Check(tool) is var (field, message))
            {
                throw new InvalidRequestException(message, $"tools[{i}].{field}");
            }

            if (tool.Type != ToolCatalog.Mcp && (tool.ServerLabel is not null || tool.ServerUrl is not null || tool.AllowedTools is not null || tool.ToolsRequiringApproval is not null))
            {
                throw new InvalidRequestException("'server_label', 'server_url', 'allowed_tools' and 'tools_requiring_approval' belong to 'mcp' tools only.", $"tools[{i}].type");
            }
        }

        ValidateMcpServers(mcp);

        // One request may become at most this many model calls, for at most this long (quotas max_steps, max_deadline_seconds).
        if (Limits?.MaxSteps is { } steps && (steps <= 0 || steps > limits.MaxSteps))
        {
            throw new InvalidRequestException($"'limits.max_steps' must be between 1 and {limits.MaxSteps}.", "limits.max_steps");
        }

        var maxDeadline = (long)limits.MaxDeadline.TotalSeconds;
        if (Limits?.DeadlineSeconds is { } seconds && (seconds <= 0 || seconds > maxDeadline))
        {
            throw new InvalidRequestException($"'limits.deadline_seconds' must be between 1 and {maxDeadline}.", "limits.deadline_seconds");
        }
    }

    private void ValidateMcpServers(McpServerRules mcp)
    {
        var servers = Tools?.Where(tool => tool.Type == ToolCatalog.Mcp).ToList() ?? [];
        if (servers.Count > mcp.MaxServersPerAgent)
        {
            throw new InvalidRequestException($"At most {mcp.MaxServersPerAgent} MCP servers are allowed per agent.", "tools");
        }

        if (servers.GroupBy(server => server.ServerLabel, StringComparer.OrdinalIgnoreCase).FirstOrDefault(group => group.Count() > 1) is { } twice)
        {
            throw new InvalidRequestException($"The server_label '{twice.Key}' is used twice.", "tools");
        }
    }
}

/// <summary>An agent as the API shows it.</summary>
public sealed record AgentView(string Id, string Object, string Name, string Instructions, string Model, IReadOnlyList<ToolSpec> Tools, AgentLimits Limits, bool Shared, long CreatedAt)
{
    public static AgentView From(AgentDefinition agent) =>
        new(agent.Id, "agent", agent.Name, agent.Instructions, agent.Model, agent.Tools, agent.Limits, agent.IsShared, agent.CreatedAt.ToUnixTimeSeconds());
}
