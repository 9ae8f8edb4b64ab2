namespace Platform.AgentService.Tools.Mcp;

/// <summary>The tools one MCP server offers a run, over a connection that lives as long as the run's execution.</summary>
public sealed class McpServerTools(string label, McpSession? session, IReadOnlyList<CatalogTool> tools, IReadOnlyList<string> omitted, string? error) : IAsyncDisposable
{
    public string Label => label;

    public IReadOnlyList<CatalogTool> Tools => tools;

    /// <summary>Tools the server listed that were left out (over <c>MaxToolsPerServer</c>, or names no model accepts).</summary>
    public IReadOnlyList<string> Omitted => omitted;

    /// <summary>Why the server's tools are unavailable to this run, or null.</summary>
    public string? Error => error;

    public static McpServerTools Unavailable(string label, string error) => new(label, null, [], [], error);

    public async ValueTask DisposeAsync()
    {
        if (session is not null)
        {
            await session.DisposeAsync();
        }
    }
}
