using Platform.AgentService.Knowledge;
using Platform.AgentService.Tools.Mcp;

namespace Platform.AgentService.Tools;

public static class ToolsExtensions
{
    /// <summary>
    /// The tools agents can call: <c>current_time</c>, <c>http_get</c> (SSRF-guarded), <c>knowledge_search</c>, and
    /// the tools of the agent's MCP servers (through the same SSRF guard). They know nothing of runs: the run executor
    /// wraps each call to record it.
    /// </summary>
    public static IHostApplicationBuilder AddAgentTools(this IHostApplicationBuilder builder)
    {
        if (builder.Services.AlreadyRegistered<ToolCatalog>())
        {
            return builder;
        }

        builder.Services.AddOptions<HttpGetOptions>().BindConfiguration(HttpGetOptions.Section)
            .ValidateDataAnnotations()
            .Validate(options => ValidHosts(options.AllowedHosts), "'Tools:HttpGet:AllowedHosts' entries must be host names ('*' alone is not allowed).")
            .Validate(options => ValidNetworks(options.AllowedPrivateNetworks),
                "'Tools:HttpGet:AllowedPrivateNetworks' entries must be CIDR networks that leave out cloud metadata (169.254.169.254).")
            .ValidateOnStart();
        builder.Services.AddOptions<McpOptions>().BindConfiguration(McpOptions.Section)
            .ValidateDataAnnotations()
            .Validate(options => ValidHosts(options.AllowedHosts), "'Tools:Mcp:AllowedHosts' entries must be host names ('*' alone is not allowed).")
            .Validate(options => ValidNetworks(options.AllowedPrivateNetworks),
                "'Tools:Mcp:AllowedPrivateNetworks' entries must be CIDR networks that leave out cloud metadata (169.254.169.254).")
            .ValidateOnStart();
        builder.Services.TryAddSingleton<IHostResolver, DnsHostResolver>();
        builder.Services.TryAddSingleton<IAddressPolicy, PublicAddressPolicy>();
        builder.Services.AddSingleton<EgressGuard>();
        builder.Services.AddSingleton<HttpGetTool>();
        builder.Services.AddSingleton<McpConnector>();
        builder.Services.AddSingleton<McpServerRules>();
        builder.Services.AddSingleton<ToolCatalog>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddKnowledge();
        return builder;
    }

    private static bool ValidHosts(List<string> hosts) => hosts.All(host => !string.IsNullOrWhiteSpace(host) && host != "*");

    private static bool ValidNetworks(List<string> entries) =>
        EgressScope.TryParseNetworks(entries, out var networks) && !networks.Any(EgressScope.CoversMetadata);
}
