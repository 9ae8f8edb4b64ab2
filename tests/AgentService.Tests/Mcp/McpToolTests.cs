using System.Net;
using System.Net.Http.Json;
using Platform.TestSupport;

namespace Platform.AgentService.Tests.Mcp;

/// <summary>Agent runs calling the tools of a real MCP server, through the gateway.</summary>
public sealed class McpToolTests(McpAllowedFixture fixture) : IClassFixture<McpAllowedFixture>
{
    private readonly HttpClient _client = fixture.Client;

    private string ServerUrl => fixture.Mcp.UrlFor("127.0.0.1");

    [Fact]
    public async Task A_run_calls_an_mcp_tool_and_the_model_reads_its_result()
    {
        var agent = await _client.CreateAgentAsync(tools: new[] { McpCalls.Server(ServerUrl, allowedTools: ["echo"]) });
        var before = fixture.Llm.ChatRequests.Count;
        fixture.Llm.Enqueue(ScriptedReply.Call("notes__echo", """{"text":"hello mcp"}"""), ScriptedReply.Say("The server said hello."));

        var (run, events) = await _client.RunAsync(agent);

        Assert.Equal("succeeded", run["status"]!.GetValue<string>());
        Assert.Contains("echo: hello mcp", fixture.Mcp.Calls);
        var listed = events.Single(e => e.Type == "mcp.list_tools");
        Assert.Equal(["notes__echo"], listed.Data["tools"]!.AsArray().Select(t => t!.GetValue<string>()));
        var call = events.Single(e => e.Type == "tool.call");
        Assert.Equal("notes__echo", call.Data["name"]!.GetValue<string>());
        Assert.Equal("echo: hello mcp", call.Data["result"]!.GetValue<string>());
        var offered = fixture.Llm.ChatRequests[before].Body["tools"]!.AsArray().Select(t => t!["function"]!["name"]!.GetValue<string>());
        Assert.Equal(["notes__echo"], offered);
        var toolMessage = fixture.Llm.ChatRequests[before + 1].Messages.Single(m => m["role"]!.GetValue<string>() == "tool");
        Assert.Contains("echo: hello mcp", toolMessage["content"]!.ToString());
    }

    [Fact]
    public async Task An_mcp_tool_that_needs_approval_reaches_the_server_only_after_it_is_approved()
    {
        var agent = await _client.CreateAgentAsync(tools: new[] { McpCalls.Server(ServerUrl, allowedTools: ["echo", "delete_notes"], toolsRequiringApproval: ["delete_notes"]) });
        fixture.Llm.Enqueue(ScriptedReply.Call("notes__delete_notes", "{}"), ScriptedReply.Say("Deleted."));
        var thread = await _client.CreateThreadAsync();

        var runId = (await _client.PostJsonAsync($"/v1/threads/{thread}/runs", new { agent_id = agent, input = "Clean up.", background = true }, 200))["id"]!.GetValue<string>();
        var paused = await _client.WaitForStatusAsync(runId, "requires_action");

        var pending = paused["pending_tool_calls"]!.AsArray().Single()!;
        Assert.Equal("notes__delete_notes", pending["name"]!.GetValue<string>());
        Assert.True(pending["requires_approval"]!.GetValue<bool>());
        Assert.DoesNotContain("delete_notes: ", fixture.Mcp.Calls);

        var approved = await _client.PostAsJsonAsync($"/v1/runs/{runId}/approvals", new { decisions = new[] { new { tool_call_id = pending["id"]!.GetValue<string>(), approve = true } } });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var finished = await _client.WaitForStatusAsync(runId, "succeeded");

        Assert.Equal("Deleted.", finished["output"]!.GetValue<string>());
        Assert.Contains("delete_notes: ", fixture.Mcp.Calls);
        var events = await _client.EventsAsync(runId);
        Assert.Equal("all notes deleted", events.Single(e => e.Type == "tool.call").Data["result"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_denied_mcp_tool_call_never_reaches_the_server()
    {
        var agent = await _client.CreateAgentAsync(tools: new[] { McpCalls.Server(ServerUrl, label: "gated", allowedTools: ["echo"], requiresApproval: true) });
        fixture.Llm.Enqueue(ScriptedReply.Call("gated__echo", """{"text":"should not arrive"}"""), ScriptedReply.Say("Fine, I will not."));
        var thread = await _client.CreateThreadAsync();

        var runId = (await _client.PostJsonAsync($"/v1/threads/{thread}/runs", new { agent_id = agent, input = "Echo.", background = true }, 200))["id"]!.GetValue<string>();
        var pending = (await _client.WaitForStatusAsync(runId, "requires_action"))["pending_tool_calls"]![0]!;
        await _client.PostJsonAsync($"/v1/runs/{runId}/approvals", new { decisions = new[] { new { tool_call_id = pending["id"]!.GetValue<string>(), approve = false, reason = "no" } } }, 200);
        await _client.WaitForStatusAsync(runId, "succeeded");

        Assert.DoesNotContain("echo: should not arrive", fixture.Mcp.Calls);
        Assert.DoesNotContain(await _client.EventsAsync(runId), e => e.Type == "tool.call");
    }

    [Fact]
    public async Task A_server_that_is_down_is_a_clear_run_event_and_the_run_goes_on_without_its_tools()
    {
        var downUrl = $"http://127.0.0.1:{FreePort.Next()}/mcp";
        var agent = await _client.CreateAgentAsync(tools: new object[] { new { type = "current_time" }, McpCalls.Server(downUrl, label: "down") });
        fixture.Llm.Enqueue(ScriptedReply.Say("I answer without the notes server."));

        var (run, events) = await _client.RunAsync(agent);

        Assert.Equal("succeeded", run["status"]!.GetValue<string>());
        var failed = events.Single(e => e.Type == "mcp.list_tools.failed");
        Assert.Equal("down", failed.Data["server_label"]!.GetValue<string>());
        Assert.Contains("refused", failed.Data["error"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_server_that_does_not_answer_is_given_up_after_the_list_timeout()
    {
        var agent = await _client.CreateAgentAsync(tools: new[] { McpCalls.Server(fixture.Mcp.UrlFor("127.0.0.1", McpTestServer.HangingPath), label: "hangs") });
        fixture.Llm.Enqueue(ScriptedReply.Say("Carrying on."));

        var (run, events) = await _client.RunAsync(agent);

        Assert.Equal("succeeded", run["status"]!.GetValue<string>());
        Assert.Contains("no answer within 2 s", events.Single(e => e.Type == "mcp.list_tools.failed").Data["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Tools_beyond_the_per_server_limit_are_left_out_and_named()
    {
        var agent = await _client.CreateAgentAsync(tools: new[] { McpCalls.Server(ServerUrl, label: "all") });
        fixture.Llm.Enqueue(ScriptedReply.Say("Listed."));

        var (_, events) = await _client.RunAsync(agent);

        var listed = events.Single(e => e.Type == "mcp.list_tools");
        Assert.Equal(4, listed.Data["tools"]!.AsArray().Count);
        Assert.Equal(McpTestServer.ToolNames.Length - 4, listed.Data["omitted"]!.AsArray().Count);
    }

    [Fact]
    public async Task Results_are_cut_at_the_size_limits_and_slow_or_failing_calls_become_tool_errors()
    {
        var agent = await _client.CreateAgentAsync(tools: new[] { McpCalls.Server(ServerUrl, allowedTools: ["big", "huge", "slow", "fail"]) });
        var before = fixture.Llm.ChatRequests.Count;
        fixture.Llm.Enqueue(
            new ScriptedReply(ToolCalls: [new("notes__big", "{}"), new("notes__huge", "{}"), new("notes__slow", "{}"), new("notes__fail", "{}")]),
            ScriptedReply.Say("Done."));

        var (run, events) = await _client.RunAsync(agent);

        Assert.Equal("succeeded", run["status"]!.GetValue<string>());
        var big = events.Single(e => e.Type == "tool.call" && e.Data["name"]!.GetValue<string>() == "notes__big").Data["result"]!.GetValue<string>();
        Assert.StartsWith(new string('b', 1000) + "\n[truncated at 1000 characters]", big);
        var errors = events.Where(e => e.Type == "tool.error").ToDictionary(e => e.Data["name"]!.GetValue<string>(), e => e.Data["error"]!.GetValue<string>());
        Assert.Contains("larger than 65536 bytes", errors["notes__huge"]);
        Assert.Contains("no answer within 2 s", errors["notes__slow"]);
        Assert.Contains("the server reported an error", errors["notes__fail"]);
        var toolMessages = fixture.Llm.ChatRequests[before + 1].Messages.Where(m => m["role"]!.GetValue<string>() == "tool").ToList();
        Assert.Equal(4, toolMessages.Count);
    }

    [Theory]
    [InlineData("http://169.254.169.254/mcp", "server_url", "link-local")]
    [InlineData("http://[::ffff:7f00:1]:1/mcp", "server_url", "not on the MCP allowlist")]
    [InlineData("http://mcp.evil.example/mcp", "server_url", "not on the MCP allowlist")]
    [InlineData("ftp://127.0.0.1/mcp", "server_url", "http or https")]
    [InlineData("http://user:secret@127.0.0.1/mcp", "server_url", "credentials")]
    public async Task An_agent_naming_a_server_url_the_rules_refuse_is_a_400_naming_the_field(string url, string field, string reason)
    {
        var response = await _client.PostAsJsonAsync("/v1/agents", new { name = "x", model = "test-model", tools = new[] { McpCalls.Server(url) } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.JsonAsync())["error"]!;
        Assert.Equal($"tools[0].{field}", error["param"]!.GetValue<string>());
        Assert.Contains(reason, error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Server_labels_must_make_valid_function_names_and_be_unique_and_servers_are_limited()
    {
        async Task<string> ErrorOf(params object[] tools) =>
            (await (await _client.PostAsJsonAsync("/v1/agents", new { name = "x", model = "test-model", tools })).JsonAsync())["error"]!["message"]!.GetValue<string>();

        Assert.Contains("server_label", await ErrorOf(McpCalls.Server(ServerUrl, label: "bad label!")));
        Assert.Contains("used twice", await ErrorOf(McpCalls.Server(ServerUrl, label: "a"), McpCalls.Server(ServerUrl, label: "a")));
        Assert.Contains("At most 2 MCP servers", await ErrorOf(McpCalls.Server(ServerUrl, label: "a"), McpCalls.Server(ServerUrl, label: "b"), McpCalls.Server(ServerUrl, label: "c")));
        Assert.Contains("'mcp' tools only", await ErrorOf(new { type = "http_get", server_url = ServerUrl }));
        Assert.Contains("tool names", await ErrorOf(McpCalls.Server(ServerUrl, allowedTools: [""])));
    }
}
