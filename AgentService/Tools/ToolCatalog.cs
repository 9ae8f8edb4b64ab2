using System.ComponentModel;
using Microsoft.Extensions.AI;
using Platform.AgentService.Agents;
using Platform.AgentService.Knowledge;
using Platform.AgentService.Tools.Mcp;

namespace Platform.AgentService.Tools;

/// <summary>The run a tool is called for: tools act on behalf of the run's owner only.</summary>
public sealed record ToolContext(string RunId, string Owner);

/// <summary>
/// A function the model may call for one run, and whether a call to it waits for approval. <see cref="Kind"/> is the
/// tool type (<c>mcp</c> for every MCP tool), a bounded value for metric labels where names are not.
/// </summary>
public sealed record CatalogTool(string Name, string Kind, AIFunction Function, bool RequiresApproval);

/// <summary>Builds the tools an agent declares; what a run adds around them (events, approval) is the run executor's.</summary>
public sealed class ToolCatalog(HttpGetTool httpGet, KnowledgeStore knowledge, McpConnector mcp, TimeProvider clock)
{
    public const string CurrentTime = "current_time";
    public const string HttpGet = "http_get";
    public const string KnowledgeSearch = "knowledge_search";
    public const string Mcp = "mcp";

    public static readonly IReadOnlySet<string> Known = new HashSet<string> { CurrentTime, HttpGet, KnowledgeSearch, Mcp };

    /// <summary>The agent's tools for one run execution; MCP servers are connected (in parallel) and listed now.</summary>
    public async Task<RunToolset> CreateAsync(AgentDefinition agent, ToolContext context, CancellationToken cancellationToken)
    {
        var builtIn = agent.Tools.Where(spec => spec.Type != Mcp)
            .Select(spec => new CatalogTool(spec.Type, spec.Type, CreateFunction(spec, context), spec.RequiresApproval));
        var connecting = agent.Tools.Where(spec => spec.Type == Mcp).Select(spec => mcp.ConnectAsync(spec, cancellationToken)).ToList();
        try
        {
            var servers = await Task.WhenAll(connecting);
            return new RunToolset([.. builtIn, .. servers.SelectMany(server => server.Tools)], servers);
        }
        catch
        {
            // Only a cancelled run gets here (a server that fails is reported, not thrown): close the sessions that opened.
            foreach (var connected in connecting.Where(task => task.IsCompletedSuccessfully))
            {
                await connected.Result.DisposeAsync();
            }

            throw;
        }
    }

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
