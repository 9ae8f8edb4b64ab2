using System.Net;
using System.Net.Http.Json;
using Platform.TestSupport;

namespace Platform.AgentService.Tests.Mcp;

/// <summary>
/// MCP server URLs under the full production address policy, through the gateway: the test server listens on
/// loopback, which the operator has not allowlisted here, so it must never be reached.
/// </summary>
public sealed class McpSsrfTests(McpPublicOnlyFixture fixture) : IClassFixture<McpPublicOnlyFixture>
{
    private readonly HttpClient _client = fixture.Client;

    [Fact]
    public async Task A_loopback_address_is_refused_when_the_agent_is_saved()
    {
        var response = await _client.PostAsJsonAsync("/v1/agents", new { name = "x", model = "test-model", tools = new[] { McpCalls.Server(fixture.Mcp.UrlFor("127.0.0.1")) } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.JsonAsync())["error"]!;
        Assert.Equal("tools[0].server_url", error["param"]!.GetValue<string>());
        Assert.Contains("loopback", error["message"]!.GetValue<string>());
        Assert.Equal(0, fixture.Mcp.Requests);
    }

    [Fact]
    public async Task A_name_that_resolves_to_loopback_is_refused_when_the_run_connects_and_the_server_sees_nothing()
    {
        var agent = await _client.CreateAgentAsync(tools: new[] { McpCalls.Server(fixture.Mcp.UrlFor("localhost")) });
        fixture.Llm.Enqueue(ScriptedReply.Say("No notes server for me."));

        var (run, events) = await _client.RunAsync(agent);

        Assert.Equal("succeeded", run["status"]!.GetValue<string>());
        var failed = events.Single(e => e.Type == "mcp.list_tools.failed");
        Assert.Contains("loopback", failed.Data["error"]!.GetValue<string>());
        Assert.DoesNotContain(events, e => e.Type == "mcp.list_tools");
        Assert.Equal(0, fixture.Mcp.Requests);
    }

    [Theory]
    [InlineData("[64:ff9b:1:7f00:0:100::]", "NAT64 (/48) of 127.0.0.1")]
    [InlineData("[::ffff:0:7f00:1]", "IPv4-translated of 127.0.0.1")]
    [InlineData("[2001:0:4136:e378:8000:63bf:80ff:fffe]", "Teredo client of 127.0.0.1")]
    [InlineData("[2002:a9fe:a9fe::1]", "6to4 of 169.254.169.254")]
    public async Task Http_get_to_an_ipv6_form_of_an_internal_address_is_refused_in_a_run(string host, string reason)
    {
        // The host itself is allowlisted (see the fixture): only the address policy stands between the run and it.
        var agent = await _client.CreateAgentAsync(tools: new[] { new { type = "http_get" } });
        fixture.Llm.Enqueue(ScriptedReply.Call("http_get", $$"""{"url":"http://{{host}}:{{fixture.Mcp.Port}}/mcp"}"""), ScriptedReply.Say("Blocked."));

        var (run, events) = await _client.RunAsync(agent);

        Assert.Equal("succeeded", run["status"]!.GetValue<string>());
        Assert.Contains(reason, events.Single(e => e.Type == "tool.error").Data["error"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("Tools:Mcp:AllowedPrivateNetworks:0", "169.254.0.0/16", "Tools:Mcp:AllowedPrivateNetworks")]
    [InlineData("Tools:Mcp:AllowedPrivateNetworks:0", "0.0.0.0/0", "Tools:Mcp:AllowedPrivateNetworks")]
    [InlineData("Tools:Mcp:AllowedPrivateNetworks:0", "10.0.0.0/33", "Tools:Mcp:AllowedPrivateNetworks")]
    [InlineData("Tools:HttpGet:AllowedPrivateNetworks:0", "169.254.169.254/32", "Tools:HttpGet:AllowedPrivateNetworks")]
    [InlineData("Tools:Mcp:AllowedHosts:0", "*", "Tools:Mcp:AllowedHosts")]
    public void A_setting_that_would_open_cloud_metadata_or_every_host_stops_start_up_naming_it(string key, string value, string named)
    {
        var error = Assert.ThrowsAny<Exception>(() => new AgentServiceHost(fixture.Redis.ConnectionString, fixture.Llm.BaseUrl, new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(named, Flatten(error));
    }

    private static string Flatten(Exception exception) =>
        exception is AggregateException aggregate ? string.Join(" ", aggregate.InnerExceptions.Select(Flatten)) : exception.ToString();
}
