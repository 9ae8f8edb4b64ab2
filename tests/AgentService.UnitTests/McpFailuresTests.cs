using System.Net;
using System.Net.Sockets;
using Platform.AgentService.Tools;
using Platform.AgentService.Tools.Mcp;

namespace Platform.AgentService.UnitTests;

/// <summary>What a run's owner and the model are told when an MCP server cannot be used: the kind, not the library's text.</summary>
public sealed class McpFailuresTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public void An_ssrf_refusal_inside_a_connection_error_is_told_as_it_is()
    {
        var exception = new HttpRequestException("connect failed", new EgressRefusedException("host 'x' resolves to 10.0.0.1, which is private (10.0.0.0/8)"));

        Assert.Equal("Refused: host 'x' resolves to 10.0.0.1, which is private (10.0.0.0/8).", McpFailures.Describe(exception, Timeout, null));
    }

    [Fact]
    public void Connection_and_http_failures_are_described_by_kind_without_their_text()
    {
        var refused = new HttpRequestException("Connection refused (10.1.2.3:8080)", new SocketException((int)SocketError.ConnectionRefused));
        var status = new HttpRequestException("Response status code does not indicate success: 401 (at http://10.1.2.3/)", null, HttpStatusCode.Unauthorized);

        Assert.Equal("could not connect (ConnectionRefused)", McpFailures.Describe(refused, Timeout, null));
        Assert.Equal("the server answered HTTP 401", McpFailures.Describe(status, Timeout, null));
    }

    [Fact]
    public void A_timeout_names_the_limit_and_anything_else_points_to_the_log()
    {
        Assert.Equal("no answer within 10 s", McpFailures.Describe(new OperationCanceledException(), Timeout, null));
        var other = McpFailures.Describe(new InvalidOperationException("internal detail at 10.9.9.9"), Timeout, null);
        Assert.DoesNotContain("10.9.9.9", other);
        Assert.Contains("log", other);
    }
}
