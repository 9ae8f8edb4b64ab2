using Microsoft.Extensions.Options;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Platform.AgentService.Agents;

namespace Platform.AgentService.Tools.Mcp;

/// <summary>
/// Connects a run to an agent's MCP server (Streamable HTTP) and lists its tools, through the same
/// <see cref="EgressGuard"/> as <c>http_get</c>: the host must be on <c>Tools:Mcp:AllowedHosts</c> and resolve to
/// public addresses (or an allowed private network); every connection the transport opens is vetted again, no
/// redirect is followed, and each response is cut at <c>MaxResponseBytes</c>. A server that cannot be reached, refuses,
/// or does not answer within <c>ListTimeout</c> yields no tools and a reason, never an exception: the run goes on.
/// </summary>
public sealed class McpConnector(IOptions<McpOptions> options, EgressGuard guard, ILoggerFactory loggers)
{
    private readonly EgressScope _scope = options.Value.Scope();
    private readonly ILogger _log = loggers.CreateLogger<McpConnector>();

    public async Task<McpServerTools> ConnectAsync(ToolSpec server, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var label = server.ServerLabel ?? "";
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.ListTimeout);
        McpClient? client = null;
        HttpClientTransport? transport = null;
        ResponseSizeLimit? limit = null;
        try
        {
            var url = new Uri(server.ServerUrl ?? throw new EgressRefusedException("no server_url"));
            await guard.VetAsync(url.IdnHost, _scope, timeout.Token);
            limit = new ResponseSizeLimit(settings.MaxResponseBytes) { InnerHandler = guard.CreateHandler(_scope) };
            transport = Transport(url, label, settings, limit);
            client = await McpClient.CreateAsync(transport, new McpClientOptions { ClientInfo = new Implementation { Name = "platform-agents", Version = "1.0" } }, loggers, timeout.Token);
            var listed = await client.ListToolsAsync(cancellationToken: timeout.Token);
            return Select(label, new McpSession(client, transport), server, listed, settings, limit);
        }
        catch (Exception exception)
        {
            await new McpSession(client, transport).DisposeAsync();
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            var reason = McpFailures.Describe(exception, settings.ListTimeout, limit);
            _log.LogWarning(exception, "MCP server {Label} is unavailable: {Reason}", label, reason);
            return McpServerTools.Unavailable(label, reason);
        }
    }

    private HttpClientTransport Transport(Uri url, string label, McpOptions settings, ResponseSizeLimit limit)
    {
        var http = new HttpClient(limit)
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        return new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = url,
            Name = label,
            TransportMode = HttpTransportMode.StreamableHttp,
            ConnectionTimeout = settings.ListTimeout,
            // Runs only call tools: no server-initiated messages to wait for.
            EnableStandaloneGetStream = false,
            MaxReconnectionAttempts = 0,
        }, http, loggers, ownsHttpClient: true);
    }

    private static McpServerTools Select(string label, McpSession session, ToolSpec server, IList<McpClientTool> listed, McpOptions settings, ResponseSizeLimit limit)
    {
        var tools = new List<CatalogTool>();
        var omitted = new List<string>();
        foreach (var tool in listed)
        {
            var toolName = tool.ProtocolTool.Name;
            if (server.AllowedTools is { } allowed && !allowed.Contains(toolName))
            {
                continue;
            }

            var name = McpServerRules.FunctionName(label, toolName);
            if (tools.Count >= settings.MaxToolsPerServer || !McpServerRules.IsValidFunctionName(name))
            {
                omitted.Add(toolName);
                continue;
            }

            var requiresApproval = server.RequiresApproval || (server.ToolsRequiringApproval?.Contains(toolName) ?? false);
            tools.Add(new CatalogTool(name, ToolCatalog.Mcp, new McpToolFunction(session.Client!, tool, name, settings, limit), requiresApproval));
        }

        return new McpServerTools(label, session, tools, omitted, error: null);
    }
}
