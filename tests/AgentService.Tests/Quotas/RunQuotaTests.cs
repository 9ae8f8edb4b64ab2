using System.Net;
using System.Net.Http.Json;
using Platform.AgentService.Tests.ThroughGateway;
using Platform.ServiceDefaults.Tenancy;
using Platform.TestSupport;

namespace Platform.AgentService.Tests.Quotas;

/// <summary>One request must not become unbounded work: active runs, steps and deadlines are capped per tenant.</summary>
public sealed class RunQuotaTests(TenantsFixture fixture) : IClassFixture<TenantsFixture>, IAsyncLifetime
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task InitializeAsync()
    {
        fixture.Llm.ClearReplies();
        fixture.Llm.WhenQueueEmpty = _ => new ScriptedReply("done", Gate: _gate.Task);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _gate.TrySetResult();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Runs_beyond_active_runs_get_429_with_rate_limit_headers_and_fit_again_once_runs_end()
    {
        var (_, client) = await fixture.NewTenantAsync((TenantQuota.ActiveRuns, 2));
        var agent = await client.CreateAgentAsync();
        var threads = new[] { await client.CreateThreadAsync(), await client.CreateThreadAsync(), await client.CreateThreadAsync() };
        var first = await client.StartRunAsync(threads[0], agent, "one");
        var second = await client.StartRunAsync(threads[1], agent, "two");

        var refused = await client.PostAsJsonAsync($"/v1/threads/{threads[2]}/runs", new { agent_id = agent, input = "three", background = true });

        await refused.AssertQuotaExceededAsync(HttpStatusCode.TooManyRequests, "active_runs");
        Assert.Equal("2", refused.Headers.GetValues("x-ratelimit-limit-active-runs").Single());
        Assert.Equal("0", refused.Headers.GetValues("x-ratelimit-remaining-active-runs").Single());
        Assert.True(refused.Headers.RetryAfter is not null);
        Assert.Empty(await client.HistoryAsync(threads[2]));

        _gate.SetResult();
        await client.WaitForStatusAsync(first, "succeeded");
        await client.WaitForStatusAsync(second, "succeeded");
        var third = await client.StartRunAsync(threads[2], agent, "three");
        Assert.Equal("succeeded", (await client.WaitForStatusAsync(third, "succeeded"))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Steps_and_deadlines_beyond_the_caps_get_400_naming_the_limit()
    {
        var (_, client) = await fixture.NewTenantAsync((TenantQuota.MaxSteps, 4));

        var steps = await client.PostAsJsonAsync("/v1/agents", new { name = "loop", model = "test-model", limits = new { max_steps = 1000 } });
        var deadline = await client.PostAsJsonAsync("/v1/agents", new { name = "slow", model = "test-model", limits = new { deadline_seconds = 86_400 } });
        var within = await client.PostAsJsonAsync("/v1/agents", new { name = "fine", model = "test-model", limits = new { max_steps = 4, deadline_seconds = 3_600 } });

        Assert.Equal(HttpStatusCode.BadRequest, steps.StatusCode);
        Assert.Equal("limits.max_steps", (await steps.JsonAsync())["error"]!["param"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, deadline.StatusCode);
        Assert.Equal("limits.deadline_seconds", (await deadline.JsonAsync())["error"]!["param"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, within.StatusCode);
    }

    [Fact]
    public async Task An_agent_stored_with_more_steps_than_the_cap_runs_with_the_cap()
    {
        var (tenant, client) = await fixture.NewTenantAsync();
        var agent = await client.CreateAgentAsync(limits: new { max_steps = 50 });
        await fixture.Connection.GetDatabase().HashSetAsync(TenantQuotaOverrides.KeyOf(tenant), TenantQuota.MaxSteps, 3);
        var thread = await client.CreateThreadAsync();

        var run = await client.StartRunAsync(thread, agent, "loop");

        Assert.Equal(3, (await client.GetJsonAsync($"/v1/runs/{run}"))["max_steps"]!.GetValue<int>());
    }
}
