using Platform.AgentService.Knowledge;
using Platform.AgentService.Quotas;

namespace Platform.AgentService.Agents;

public static class AgentsExtensions
{
    /// <summary>
    /// Agents in Redis, with agents seeded from <c>Agents:Seed</c>; knowledge too, because an agent's
    /// <c>knowledge_search</c> tool must name collections its owner holds.
    /// </summary>
    public static IHostApplicationBuilder AddAgents(this IHostApplicationBuilder builder)
    {
        if (builder.Services.AlreadyRegistered<AgentStore>())
        {
            return builder;
        }

        builder.Services.AddOptions<AgentOptions>().BindConfiguration(AgentOptions.Section)
            .ValidateDataAnnotations()
            .Validate(options => options.Seed.All(seed => !string.IsNullOrWhiteSpace(seed.Id) && !string.IsNullOrWhiteSpace(seed.Name) && !string.IsNullOrWhiteSpace(seed.Model)),
                "Every entry of 'Agents:Seed' needs 'Id', 'Name' and 'Model'.")
            .Validate(options => options.Seed.All(seed => seed.Tools.All(tool => Tools.ToolCatalog.Known.Contains(tool.Type))),
                "'Agents:Seed' names an unknown tool type.")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<AgentStore>();
        builder.AddKnowledge();
        builder.AddQuotas();
        return builder;
    }
}
