using Platform.AgentService.Models;
using Platform.AgentService.Quotas;

namespace Platform.AgentService.Knowledge;

public static class KnowledgeExtensions
{
    /// <summary>Knowledge collections: chunked documents embedded by the models service, searched exactly.</summary>
    public static IHostApplicationBuilder AddKnowledge(this IHostApplicationBuilder builder)
    {
        if (builder.Services.AlreadyRegistered<KnowledgeStore>())
        {
            return builder;
        }

        builder.Services.AddOptions<KnowledgeOptions>().BindConfiguration(KnowledgeOptions.Section)
            .ValidateDataAnnotations()
            .Validate(options => options.ChunkOverlapTokens < options.ChunkTokens, "'Knowledge:ChunkOverlapTokens' must be smaller than 'Knowledge:ChunkTokens'.")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<VectorCache>();
        builder.Services.AddSingleton<KnowledgeStore>();
        builder.AddModelClients();
        builder.AddQuotas();
        return builder;
    }
}
