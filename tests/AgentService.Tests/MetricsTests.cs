using Platform.TestSupport;

namespace Platform.AgentService.Tests;

public sealed class MetricsTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task Runs_tools_and_queue_show_up_in_the_prometheus_scrape()
    {
        var client = fixture.Host.ClientFor("client-metrics");
        var agent = await client.CreateAgentAsync(tools: new[] { new { type = "current_time" } });
        var thread = await client.CreateThreadAsync();
        fixture.Llm.Enqueue(ScriptedReply.Call("current_time", "{}"), ScriptedReply.Say("Done."));
        await client.PostJsonAsync($"/v1/threads/{thread}/runs", new { agent_id = agent, input = "time" }, 200);

        string scrape = "";
        var complete = await Eventually.HoldsAsync(async () =>
        {
            scrape = await client.GetStringAsync("/metrics");
            return scrape.Contains("platform_agents_queue_pending") && scrape.Contains("platform_agents_tool_duration_seconds");
        });

        Assert.True(complete, scrape);
        Assert.Contains("platform_agents_runs_total{", scrape);
        Assert.Contains("status=\"succeeded\"", scrape);
        Assert.Contains("platform_agents_run_duration_seconds_bucket{", scrape);
        Assert.Contains("platform_agents_tool_duration_seconds_bucket{", scrape);
        Assert.Contains("platform_agents_queue_waiting", scrape);
        Assert.Contains("platform_agents_model_calls_total", scrape);
    }
}
