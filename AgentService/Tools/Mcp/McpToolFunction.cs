using System.Text.Json;
using Microsoft.Extensions.AI;
using ModelContextProtocol.Client;

namespace Platform.AgentService.Tools.Mcp;

/// <summary>
/// One tool of an MCP server as a function the model can call, named <c>{server_label}__{tool}</c> so servers
/// cannot shadow each other or the built-in tools; a call is bounded by <c>CallTimeout</c>, its result by
/// <c>MaxResultChars</c>, and a result the server marks as an error fails the call (a <c>tool.error</c> event).
/// </summary>
public sealed class McpToolFunction(McpClient client, McpClientTool tool, string name, McpOptions options, ResponseSizeLimit limit) : AIFunction
{
    public override string Name => name;

    public override string Description => tool.Description;

    public override JsonElement JsonSchema => tool.JsonSchema;

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.CallTimeout);
        var exceededBefore = limit.Exceeded;
        try
        {
            var result = await client.CallToolAsync(tool.ProtocolTool.Name, arguments.ToDictionary(), cancellationToken: timeout.Token);
            var text = McpResultText.From(result, options.MaxResultChars);
            return result.IsError == true ? throw new McpToolException($"the server reported an error: {text}") : text;
        }
        catch (Exception exception) when (exception is not McpToolException && !cancellationToken.IsCancellationRequested)
        {
            throw new McpToolException(McpFailures.Describe(exception, options.CallTimeout, limit, exceededBefore));
        }
    }
}

/// <summary>An MCP tool call or listing that failed; the message says why in words a model or operator can act on.</summary>
public sealed class McpToolException(string message) : Exception(message), IClientFacingError;
