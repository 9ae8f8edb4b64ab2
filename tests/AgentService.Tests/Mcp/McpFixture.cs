using Platform.AgentService.Tests.ThroughGateway;
using Platform.TestSupport;

namespace Platform.AgentService.Tests.Mcp;

/// <summary>
/// A redis-server, the scripted model, a real MCP server on loopback, one agent service replica and the gateway.
/// <paramref name="allowLoopback"/> decides whether the operator allowlisted the loopback network for MCP servers,
/// as one would for in-cluster servers; without it the production address policy refuses the test server.
/// </summary>
public abstract class McpFixture(bool allowLoopback) : IAsyncLifetime
{
    public RedisServer Redis { get; private set; } = null!;
    public ScriptedLlmServer Llm { get; private set; } = null!;
    public McpTestServer Mcp { get; private set; } = null!;
    public AgentServiceHost Agents { get; private set; } = null!;
    public GatewayHost Gateway { get; private set; } = null!;

    public HttpClient Client => Gateway.Client;

    /// <summary>IPv6 forms of internal IPv4 addresses, allowlisted by host so only the address policy can refuse them.</summary>
    public static readonly string[] InternalAddressForms = ["64:ff9b:1:7f00:0:100::", "::ffff:0:7f00:1", "2001:0:4136:e378:8000:63bf:80ff:fffe", "2002:a9fe:a9fe::1"];

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        Llm = await ScriptedLlmServer.StartAsync();
        Mcp = await McpTestServer.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Tools:Mcp:AllowedHosts:0"] = "127.0.0.1",
            ["Tools:Mcp:AllowedHosts:1"] = "localhost",
            ["Tools:Mcp:AllowedHosts:2"] = "169.254.169.254",
            ["Tools:Mcp:ListTimeout"] = "00:00:02",
            ["Tools:Mcp:CallTimeout"] = "00:00:02",
            ["Tools:Mcp:MaxToolsPerServer"] = "4",
            ["Tools:Mcp:MaxResultChars"] = "1000",
            ["Tools:Mcp:MaxResponseBytes"] = "65536",
            ["Tools:Mcp:MaxServersPerAgent"] = "2",
            ["Tools:HttpGet:AllowedHosts:0"] = "127.0.0.1",
        };
        for (var i = 0; i < InternalAddressForms.Length; i++)
        {
            settings[$"Tools:HttpGet:AllowedHosts:{i + 1}"] = InternalAddressForms[i];
        }
        if (allowLoopback)
        {
            settings["Tools:Mcp:AllowedPrivateNetworks:0"] = "127.0.0.0/8";
            settings["Tools:HttpGet:AllowedPrivateNetworks:0"] = "127.0.0.0/8";
        }

        Agents = new AgentServiceHost(Redis.ConnectionString, Llm.BaseUrl, settings);
        Gateway = new GatewayHost(Redis.ConnectionString, Agents);
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Agents.DisposeAsync();
        await Mcp.DisposeAsync();
        await Llm.DisposeAsync();
        await Redis.DisposeAsync();
    }
}

/// <summary>Loopback allowlisted for MCP servers (and <c>http_get</c>), as for servers inside the cluster.</summary>
public sealed class McpAllowedFixture() : McpFixture(allowLoopback: true);

/// <summary>Only the host allowlists: the production address policy applies in full.</summary>
public sealed class McpPublicOnlyFixture() : McpFixture(allowLoopback: false);

/// <summary>Requests the MCP tests make through the gateway.</summary>
public static class McpCalls
{
    public static object Server(string url, string label = "notes", string[]? allowedTools = null, bool requiresApproval = false, string[]? toolsRequiringApproval = null) =>
        new { type = "mcp", server_label = label, server_url = url, allowed_tools = allowedTools, requires_approval = requiresApproval, tools_requiring_approval = toolsRequiringApproval };

    /// <summary>Runs the agent to its end (or pause) and returns the run and its events.</summary>
    public static async Task<(System.Text.Json.Nodes.JsonNode Run, IReadOnlyList<SseEvent> Events)> RunAsync(this HttpClient client, string agent, string input = "Go.")
    {
        var thread = await client.CreateThreadAsync();
        var run = await client.PostJsonAsync($"/v1/threads/{thread}/runs", new { agent_id = agent, input }, 200);
        var events = await client.EventsAsync(run["id"]!.GetValue<string>());
        return (run, events);
    }

    public static async Task<IReadOnlyList<SseEvent>> EventsAsync(this HttpClient client, string runId) =>
        await (await client.GetAsync($"/v1/runs/{runId}/events")).ReadSseAsync();
}
