using System.ComponentModel;
using Microsoft.Extensions.AI;
using Platform.AgentService.Agents;
using Platform.AgentService.Knowledge;

namespace Platform.AgentService.Tools;

/// <summary>The run a tool is called for: tools act on behalf of the run's owner only.</summary>
public sealed record ToolContext(string RunId, string Owner);

/// <summary>A tool an agent declares, built for one run, with the spec that says whether it needs approval.</summary>
public sealed record CatalogTool(ToolSpec Spec, AIFunction Function);

/// <summary>Builds the tools an agent declares; what a run adds around them (events, approval) is the run executor's.</summary>
public sealed class ToolCatalog(HttpGetTool httpGet, KnowledgeStore knowledge, TimeProvider clock)
{
    public const string CurrentTime = "current_time";
    public const string HttpGet = "http_get";
    public const string KnowledgeSearch = "knowledge_search";

    public static readonly IReadOnlySet<string> Known = new HashSet<string> { CurrentTime, HttpGet, KnowledgeSearch };

    public IReadOnlyList<CatalogTool> Create(AgentDefinition agent, ToolContext context) =>
        agent.Tools.Select(spec => new CatalogTool(spec, CreateFunction(spec, context))).ToList();

    private AIFunction CreateFunction(ToolSpec spec, ToolContext context) => spec.Type switch
    {
        CurrentTime => AIFunctionFactory.Create(
            () => clock.GetUtcNow().ToString("O"),
            CurrentTime,
            "Returns the current date and time in UTC (ISO 8601)."),
        HttpGet => AIFunctionFactory.Create(
            ([Description("Absolute http or https URL on an allowed host.")] string url, CancellationToken cancellationToken) =>
                httpGet.GetAsync(url, cancellationToken),
            HttpGet,
            "Fetches a web page or API response by HTTP GET from an allowed host and returns its status and body text."),
        KnowledgeSearch => AIFunctionFactory.Create(
            async ([Description("What to look for.")] string query, [Description("How many passages to return (1-20).")] int? top_k, CancellationToken cancellationToken) =>
            {
                var collection = await knowledge.FindAsync(spec.CollectionId!, context.Owner)
                    ?? throw new InvalidOperationException($"Knowledge collection '{spec.CollectionId}' does not exist.");
                return await knowledge.SearchAsync(collection, query, Math.Clamp(top_k ?? 5, 1, 20), cancellationToken);
            },
            KnowledgeSearch,
            "Searches the agent's knowledge collection and returns the most relevant passages with similarity scores."),
        _ => throw new InvalidOperationException($"Unknown tool type '{spec.Type}'."),
    };
}
