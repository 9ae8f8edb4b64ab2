using Platform.AgentService.Knowledge;

namespace Platform.AgentService.Tools;

public static class ToolsExtensions
{
    /// <summary>
    /// The tools agents can call: <c>current_time</c>, <c>http_get</c> (SSRF-guarded), <c>knowledge_search</c>. They
    /// know nothing of runs: the run executor wraps each call to record it.
    /// </summary>
    public static IHostApplicationBuilder AddAgentTools(this IHostApplicationBuilder builder)
    {
        if (builder.Services.AlreadyRegistered<ToolCatalog>())
        {
            return builder;
        }

        builder.Services.AddOptions<HttpGetOptions>().BindConfiguration(HttpGetOptions.Section)
            .ValidateDataAnnotations()
            .Validate(options => options.AllowedHosts.All(host => !string.IsNullOrWhiteSpace(host) && host != "*"),
                "'Tools:HttpGet:AllowedHosts' entries must be host names ('*' alone is not allowed).")
            .ValidateOnStart();
        builder.Services.TryAddSingleton<IHostResolver, DnsHostResolver>();
        builder.Services.TryAddSingleton<IAddressPolicy, PublicAddressPolicy>();
        builder.Services.AddSingleton<HttpGetTool>();
        builder.Services.AddSingleton<ToolCatalog>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddKnowledge();
        return builder;
    }
}
