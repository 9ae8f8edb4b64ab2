using System.Net.Sockets;
using ModelContextProtocol;

namespace Platform.AgentService.Tools.Mcp;

/// <summary>
/// Why an MCP server could not be used, in words for the run's owner and the model: the SSRF refusal as it is, other
/// failures by kind (HTTP status, socket error, MCP error code), never the library's exception text, which can name
/// internal addresses. The whole exception goes to the log.
/// </summary>
public static class McpFailures
{
    /// <param name="limit">The session's response limit, if it was set up; <paramref name="exceededBefore"/> is its count when the failed request began.</param>
    public static string Describe(Exception exception, TimeSpan timeout, ResponseSizeLimit? limit, int exceededBefore = 0) => exception switch
    {
        _ when limit is not null && limit.Exceeded > exceededBefore => limit.Reason,
        _ when Find<EgressRefusedException>(exception) is { } refused => refused.Message,
        OperationCanceledException or TimeoutException => $"no answer within {timeout.TotalSeconds:0.###} s",
        _ when Find<McpProtocolException>(exception) is { } protocol => $"the server answered with MCP error {(int)protocol.ErrorCode}: {protocol.Message}",
        _ when Find<HttpRequestException>(exception) is { StatusCode: { } status } => $"the server answered HTTP {(int)status}",
        _ when Find<SocketException>(exception) is { } socket => $"could not connect ({socket.SocketErrorCode})",
        _ when Find<HttpRequestException>(exception) is not null => "could not reach the server",
        _ => "the MCP session failed (the agent service's log has the details)",
    };

    private static T? Find<T>(Exception exception) where T : Exception
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }
        }

        return null;
    }
}
