using System.Net;
using System.Net.Http.Json;
using Platform.AgentService.Quotas;
using Platform.AgentService.Tests.ThroughGateway;
using Platform.ServiceDefaults.Tenancy;
using Platform.TestSupport;

namespace Platform.AgentService.Tests.Quotas;

/// <summary>One tenant trying to fill Redis through the gateway: every kind of write stops at its quota, and what was stored stays.</summary>
public sealed class StoredObjectQuotaTests(TenantsFixture fixture) : IClassFixture<TenantsFixture>
{
    [Fact]
    public async Task Threads_beyond_the_quota_get_403_naming_threads_and_the_threads_kept_stay_readable()
    {
        var (_, client) = await fixture.NewTenantAsync((TenantQuota.Threads, 3));
        var kept = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            kept.Add(await client.CreateThreadAsync());
        }

        var refused = await client.PostAsJsonAsync("/v1/threads", new { });

        await refused.AssertQuotaExceededAsync(HttpStatusCode.Forbidden, "threads");
        foreach (var thread in kept)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/v1/threads/{thread}")).StatusCode);
        }

        // Deleting one makes room for one.
        Assert.Equal(HttpStatusCode.OK, (await client.DeleteAsync($"/v1/threads/{kept[0]}")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/v1/threads", new { })).StatusCode);
    }

    [Fact]
    public async Task Agents_and_collections_beyond_their_quotas_get_403_naming_them()
    {
        var (_, client) = await fixture.NewTenantAsync((TenantQuota.Agents, 2), (TenantQuota.Collections, 1));
        var first = await client.CreateAgentAsync();
        await client.CreateAgentAsync();
        await client.PostJsonAsync("/v1/knowledge", new { name = "docs" }, 201);

        var agent = await client.PostAsJsonAsync("/v1/agents", new { name = "third", model = "test-model" });
        var collection = await client.PostAsJsonAsync("/v1/knowledge", new { name = "more docs" });

        await agent.AssertQuotaExceededAsync(HttpStatusCode.Forbidden, "agents");
        await collection.AssertQuotaExceededAsync(HttpStatusCode.Forbidden, "collections");
        Assert.Equal(2, (await client.GetJsonAsync("/v1/agents"))["data"]!.AsArray().Count(a => !a!["shared"]!.GetValue<bool>()));
        // Updating an agent the tenant has is not a new object.
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/v1/agents/{first}", new { name = "renamed" })).StatusCode);
    }

    [Fact]
    public async Task A_write_that_would_pass_stored_bytes_gets_413_and_what_is_stored_stays()
    {
        var (tenant, client) = await fixture.NewTenantAsync((TenantQuota.StoredBytes, 5_000));
        var first = await client.CreateAgentAsync(instructions: new string('a', 3_000));

        var second = await client.PostAsJsonAsync("/v1/agents", new { name = "big", model = "test-model", instructions = new string('b', 3_000) });
        var grown = await client.PostAsJsonAsync($"/v1/agents/{first}", new { instructions = new string('c', 6_000) });

        await second.AssertQuotaExceededAsync(HttpStatusCode.RequestEntityTooLarge, "stored_bytes");
        await grown.AssertQuotaExceededAsync(HttpStatusCode.RequestEntityTooLarge, "stored_bytes");
        Assert.Equal(new string('a', 3_000), (await client.GetJsonAsync($"/v1/agents/{first}"))["instructions"]!.GetValue<string>());
        var usage = await TenantLedger.UsageAsync(fixture.Connection.GetDatabase(), tenant);
        Assert.InRange(usage["stored_bytes"], 3_000, 5_000);
        Assert.Equal(1, usage["agents"]);
    }

    [Fact]
    public async Task Oversized_thread_metadata_gets_400_naming_the_field_and_nothing_is_stored()
    {
        var (tenant, client) = await fixture.NewTenantAsync();

        var longValue = await client.PostAsJsonAsync("/v1/threads", new { metadata = new Dictionary<string, string> { ["note"] = new string('x', 100_000) } });
        var longKey = await client.PostAsJsonAsync("/v1/threads", new { metadata = new Dictionary<string, string> { [new string('k', 65)] = "v" } });

        Assert.Equal(HttpStatusCode.BadRequest, longValue.StatusCode);
        Assert.Equal("metadata.note", (await longValue.JsonAsync())["error"]!["param"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, longKey.StatusCode);
        Assert.Equal("metadata", (await longKey.JsonAsync())["error"]!["param"]!.GetValue<string>());
        Assert.Empty(await TenantLedger.UsageAsync(fixture.Connection.GetDatabase(), tenant));
    }

    [Fact]
    public async Task A_thread_unused_past_its_retention_is_gone_and_no_longer_counts()
    {
        var (tenant, client) = await fixture.NewTenantAsync((TenantQuota.Threads, 1), (TenantQuota.ThreadTtlSeconds, 1));
        var thread = await client.CreateThreadAsync();
        await (await client.PostAsJsonAsync("/v1/threads", new { })).AssertQuotaExceededAsync(HttpStatusCode.Forbidden, "threads");

        // Watched in Redis, not through the API: a read is a use, and would keep the thread.
        var db = fixture.Connection.GetDatabase();
        Assert.True(await QuotaAssertions.EventuallyAsync(async () => !await db.KeyExistsAsync($"thread:{thread}")));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/v1/threads/{thread}")).StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/v1/threads", new { })).StatusCode);
        Assert.Equal(1, (await TenantLedger.UsageAsync(db, tenant))["threads"]);
    }

    [Fact]
    public async Task Using_a_thread_pushes_its_expiry_back_to_the_full_retention()
    {
        var (tenant, client) = await fixture.NewTenantAsync((TenantQuota.ThreadTtlSeconds, 100));
        var thread = await client.CreateThreadAsync();
        var db = fixture.Connection.GetDatabase();
        Assert.InRange((await db.KeyTimeToLiveAsync($"thread:{thread}"))!.Value.TotalSeconds, 1, 100);

        await db.HashSetAsync(TenantQuotaOverrides.KeyOf(tenant), TenantQuota.ThreadTtlSeconds, 10_000);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/v1/threads/{thread}/messages")).StatusCode);

        Assert.InRange((await db.KeyTimeToLiveAsync($"thread:{thread}"))!.Value.TotalSeconds, 9_000, 10_000);
    }

    [Fact]
    public async Task A_long_thread_keeps_its_latest_whole_turns_within_thread_messages_and_runs_see_a_coherent_history()
    {
        var (_, client) = await fixture.NewTenantAsync((TenantQuota.ThreadMessages, 4));
        fixture.Llm.ClearReplies();
        fixture.Llm.Enqueue(ScriptedReply.Say("A1"), ScriptedReply.Say("A2"), ScriptedReply.Say("A3"), ScriptedReply.Say("A4"));
        var agent = await client.CreateAgentAsync();
        var thread = await client.CreateThreadAsync();

        foreach (var question in new[] { "Q1", "Q2", "Q3" })
        {
            await client.PostJsonAsync($"/v1/threads/{thread}/runs", new { agent_id = agent, input = question }, 200);
        }

        Assert.Equal([("user", "Q2"), ("assistant", "A2"), ("user", "Q3"), ("assistant", "A3")], await client.HistoryAsync(thread));
        var before = fixture.Llm.ChatRequests.Count;
        await client.PostJsonAsync($"/v1/threads/{thread}/runs", new { agent_id = agent, input = "Q4" }, 200);

        var seen = fixture.Llm.ChatRequests[before].Messages.Select(m => m["content"]?.ToString()).Where(c => c is not null and not "Be helpful.").ToList();
        Assert.Equal(["Q2", "A2", "Q3", "A3", "Q4"], seen);
    }
}
