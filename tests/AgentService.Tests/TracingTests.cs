using System.Collections.Concurrent;
using System.Diagnostics;
using Platform.AgentService.Runs;
using Platform.TestSupport;

namespace Platform.AgentService.Tests;

public sealed class TracingTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task Every_step_of_a_run_is_a_span()
    {
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == AgentTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        var client = fixture.Host.ClientFor("client-tracing");
        var agent = await client.CreateAgentAsync(tools: new[] { new { type = "current_time", requires_approval = true } });
        var thread = await client.CreateThreadAsync();
        fixture.Llm.Enqueue(ScriptedReply.Call("current_time", "{}"), ScriptedReply.Say("Traced."));

        var runId = (await client.PostJsonAsync($"/v1/threads/{thread}/runs", new { agent_id = agent, input = "time", background = true }, 200))["id"]!.GetValue<string>();
        var callId = (await client.WaitForStatusAsync(runId, "requires_action"))["pending_tool_calls"]![0]!["id"]!.GetValue<string>();
        await client.PostJsonAsync($"/v1/runs/{runId}/approvals", new { decisions = new[] { new { tool_call_id = callId, approve = true } } }, 200);
        await client.WaitForStatusAsync(runId, "succeeded");

        var names = await WaitForSpansAsync(spans, runId, 6);
        Assert.Equal(2, names.Count(name => name == "run"));
        Assert.Equal(2, names.Count(name => name == "model.call"));
        Assert.Contains("approval.requested", names);
        Assert.Contains("approval.decided", names);
        Assert.Contains("tool.call current_time", names);
    }

    private static async Task<List<string>> WaitForSpansAsync(ConcurrentBag<Activity> spans, string runId, int atLeast)
    {
        List<string> names = [];
        await Eventually.HoldsAsync(() =>
        {
            names = spans.Where(span => (string?)span.GetTagItem("platform.run.id") == runId).Select(span => span.DisplayName).ToList();
            return Task.FromResult(names.Count >= atLeast + 1);
        }, TimeSpan.FromSeconds(5));
        return names;
    }
}
