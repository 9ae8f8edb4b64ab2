using ModelContextProtocol.Client;

namespace Platform.AgentService.Tools.Mcp;

/// <summary>A connection to one MCP server: closing it ends the session on the server and frees the HTTP client.</summary>
public sealed record McpSession(McpClient? Client, HttpClientTransport? Transport) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        if (Client is not null)
        {
            await Client.DisposeAsync();
        }

        if (Transport is not null)
        {
            await Transport.DisposeAsync();
        }
    }
}
