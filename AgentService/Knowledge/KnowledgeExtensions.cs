namespace Platform.AgentService.Knowledge;

public static class KnowledgeExtensions
{
    /// <summary>Knowledge collections: chunked documents embedded by the models service, searched exactly.</summary>
    public static IHostApplicationBuilder AddKnowledge(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<KnowledgeOptions>().BindConfiguration(KnowledgeOptions.Section)
            .ValidateDataAnnotations()
            .Validate(options => options.ChunkOverlapChars < options.ChunkChars, "'Knowledge:ChunkOverlapChars' must be smaller than 'Knowledge:ChunkChars'.")
            .ValidateOnStart();
        builder.Services.AddSingleton<VectorCache>();
        builder.Services.AddSingleton<KnowledgeStore>();
        return builder;
    }
}
