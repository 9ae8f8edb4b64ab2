using Platform.AgentService.Tools.Mcp;

namespace Platform.AgentService.Tools;

/// <summary>The tools of one run execution; disposing it closes the MCP sessions opened for them.</summary>
public sealed class RunToolset(IReadOnlyList<CatalogTool> tools, IReadOnlyList<McpServerTools> mcpServers) : IAsyncDisposable
{
    public IReadOnlyList<CatalogTool> Tools => tools;

    /// <summary>What each MCP server offered, or why it could not.</summary>
    public IReadOnlyList<McpServerTools> McpServers => mcpServers;

    public async ValueTask DisposeAsync()
    {
        foreach (var server in mcpServers)
        {
            await server.DisposeAsync();
        }
    }
}
