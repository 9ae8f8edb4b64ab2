using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Platform.TestSupport;

namespace Platform.AgentService.Tests.Mcp;

/// <summary>
/// A page an agent may fetch redirects to another port of the same, allowlisted host (where an internal-only
/// service would listen): the run's <c>http_get</c> refuses to follow, and the other port is never contacted.
/// </summary>
public sealed class HttpGetRedirectTests(McpAllowedFixture fixture) : IClassFixture<McpAllowedFixture>, IAsyncLifetime
{
    private WebApplication _page = null!;
    private WebApplication _internal = null!;
    private int _internalHits;

    public async Task InitializeAsync()
    {
        _internal = Site();
        _internal.MapGet("/secret", () => { Interlocked.Increment(ref _internalHits); return "secret"; });
        await _internal.StartAsync();
        _page = Site();
        _page.MapGet("/moved", () => Results.Redirect($"http://127.0.0.1:{new Uri(_internal.Urls.First()).Port}/secret"));
        _page.MapGet("/here", () => Results.Redirect("/final"));
        _page.MapGet("/final", () => "public page");
        await _page.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _page.DisposeAsync();
        await _internal.DisposeAsync();
    }

    [Fact]
    public async Task A_redirect_to_another_port_is_refused_in_a_run_while_one_on_the_same_port_is_followed()
    {
        var agent = await fixture.Client.CreateAgentAsync(tools: new[] { new { type = "http_get" } });
        var page = _page.Urls.First();
        fixture.Llm.Enqueue(
            new ScriptedReply(ToolCalls: [new("http_get", $$"""{"url":"{{page}}/moved"}"""), new("http_get", $$"""{"url":"{{page}}/here"}""")]),
            ScriptedReply.Say("Done."));

        var (run, events) = await fixture.Client.RunAsync(agent);

        Assert.Equal("succeeded", run["status"]!.GetValue<string>());
        Assert.Contains("to port", events.Single(e => e.Type == "tool.error").Data["error"]!.GetValue<string>());
        Assert.EndsWith("public page", events.Single(e => e.Type == "tool.call").Data["result"]!.GetValue<string>());
        Assert.Equal(0, _internalHits);
    }

    private static WebApplication Site()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        return builder.Build();
    }
}
