using Platform.AgentService.Tests.ThroughGateway;
using Platform.ServiceDefaults.Tenancy;
using Platform.TestSupport;

namespace Platform.AgentService.Tests.Quotas;

/// <summary>
/// One tenant floods the queue; another tenant's run must not wait behind the flood. The order is read from the
/// runs' own <c>run.status running</c> events (stream ids, which Redis assigns from its clock in order), never
/// from wall-clock durations.
/// </summary>
public sealed class FairSchedulingTests(TenantsFixture fixture) : IClassFixture<TenantsFixture>, IAsyncLifetime
{
    /// <summary>
    /// The documented fairness bound (docs/operations.md, "Quotas and fairness"): with R replicas of C run slots, a
    /// run queued while another tenant's runs fill every slot starts before that tenant's (R x (C + 1) + 2)-th run.
    /// </summary>
    private const int Bound = 1 * (TenantsFixture.RunSlots + 1) + 2;

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
    public async Task Another_tenants_run_starts_before_the_flooders_kth_run()
    {
        var (_, flooder) = await fixture.NewTenantAsync((TenantQuota.ActiveRuns, 200));
        var (_, other) = await fixture.NewTenantAsync();
        var floodAgent = await flooder.CreateAgentAsync();
        var otherAgent = await other.CreateAgentAsync();
        var before = fixture.Llm.ChatRequests.Count;
        var flood = new List<string>();
        for (var i = 0; i < 100; i++)
        {
            flood.Add(await flooder.StartRunAsync(await flooder.CreateThreadAsync(), floodAgent, $"flood {i}"));
        }

        // Every slot holds a flood run, and 98 more wait: the moment a FIFO would put the next run 99th in line.
        Assert.True(await QuotaAssertions.EventuallyAsync(() => Task.FromResult(fixture.Llm.ChatRequests.Count >= before + TenantsFixture.RunSlots)));
        var otherRun = await other.StartRunAsync(await other.CreateThreadAsync(), otherAgent, "me too");
        _gate.SetResult();
        await other.WaitForStatusAsync(otherRun, "succeeded");

        var otherStarted = await StartedAsync(other, otherRun);
        var floodStarted = new List<(long, long)>();
        foreach (var run in flood)
        {
            if (await StartedAsync(flooder, run) is { } started)
            {
                floodStarted.Add(started);
            }
        }

        // Within the same millisecond the order across runs is unknown: such a flood run counts as earlier.
        var floodBefore = floodStarted.Count(started => started.Item1 <= otherStarted!.Value.Item1);
        Assert.True(floodBefore < Bound, $"{floodBefore} flood runs started before the other tenant's run; the bound is {Bound - 1}.");
        Assert.True(floodStarted.Count > floodBefore, "the flood should still have been running when the other tenant's run started");
    }

    /// <summary>The id (milliseconds, sequence) of the run's first <c>running</c> status event, or null if it never started.</summary>
    private static async Task<(long, long)?> StartedAsync(HttpClient client, string runId)
    {
        var events = await client.AllEventsAsync(runId);
        return events.FirstOrDefault(e => e.Type == "run.status" && e.Status() == "running") is { } running
            ? (long.Parse(running.Id.Split('-')[0], System.Globalization.CultureInfo.InvariantCulture), long.Parse(running.Id.Split('-')[1], System.Globalization.CultureInfo.InvariantCulture))
            : null;
    }
}
