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
        try
        {
            var result = await client.CallToolAsync(tool.ProtocolTool.Name, arguments.ToDictionary(), cancellationToken: timeout.Token);
            var text = McpResultText.From(result, options.MaxResultChars);
            return result.IsError == true ? throw new McpToolException($"the server reported an error: {text}") : text;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new McpToolException($"no answer within {options.CallTimeout.TotalSeconds:0.###} s");
        }
        catch (Exception exception) when (limit.Exceeded && exception is not McpToolException)
        {
            throw new McpToolException(limit.Reason);
        }
    }
}

/// <summary>An MCP tool call or listing that failed; the message says why in words a model or operator can act on.</summary>
public sealed class McpToolException(string message) : Exception(message);
