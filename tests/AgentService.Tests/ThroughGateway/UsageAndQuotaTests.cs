extern alias models;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults.Tenancy;
using Platform.TestSupport;
using EmbeddingModels = models::Platform.ModelService.Embeddings.EmbeddingModels;

namespace Platform.AgentService.Tests.ThroughGateway;

/// <summary>Usage metering, token quotas and the embedding queue's tenant share, each seen by clients of the gateway.</summary>
public sealed class UsageAndQuotaTests(UsageFixture platform) : IClassFixture<UsageFixture>
{
    private static readonly object Chat = new { model = "scripted-model", messages = new[] { new { role = "user", content = "Hello?" } } };

    [Fact]
    public async Task Every_model_call_is_metered_against_its_tenant_by_day_model_and_agent()
    {
        using var alpha = platform.Gateway.ClientFor("alpha");
        platform.Llm.Enqueue(ScriptedReply.Say("Direct answer."), ScriptedReply.Say("Agent answer."));
        (await alpha.PostAsJsonAsync("/v1/chat/completions", Chat)).EnsureSuccessStatusCode();
        var embedded = await alpha.PostJsonAsync("/v1/embeddings", new { model = UsageFixture.Model, input = new[] { "one sentence", "another sentence" } }, 200);
        var agent = await alpha.CreateAgentAsync(model: "scripted-model");
        var thread = await alpha.CreateThreadAsync();
        var run = await alpha.StartRunAsync(thread, agent, "Hi");
        await alpha.WaitForStatusAsync(run, "succeeded");

        var usage = await alpha.GetJsonAsync("/v1/usage");

        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var rows = usage["data"]!.AsArray().Select(row => row!).ToList();
        Assert.Equal("alpha", usage["tenant"]!.GetValue<string>());
        Assert.All(rows, row => Assert.Equal(today, row["date"]!.GetValue<string>()));
        var direct = Assert.Single(rows, row => row["model"]!.GetValue<string>() == "scripted-model" && row["agent_id"] is null);
        Assert.Equal((1, 10, 5), Counts(direct));
        var byAgent = Assert.Single(rows, row => row["agent_id"]?.GetValue<string>() == agent);
        Assert.Equal("scripted-model", byAgent["model"]!.GetValue<string>());
        Assert.Equal((1, 10, 5), Counts(byAgent));
        var embeddings = Assert.Single(rows, row => row["model"]!.GetValue<string>() == UsageFixture.Model);
        Assert.Equal(2, embeddings["embedding_inputs"]!.GetValue<long>());
        Assert.Equal(embedded["usage"]!["prompt_tokens"]!.GetValue<long>(), embeddings["prompt_tokens"]!.GetValue<long>());
        Assert.Equal(rows.Sum(row => row["total_tokens"]!.GetValue<long>()), usage["total"]!["total_tokens"]!.GetValue<long>());
        Assert.Equal(usage["total"]!["total_tokens"]!.GetValue<long>(), usage["quotas"]!["tokens_per_day"]!["used"]!.GetValue<long>());

        // Another tenant sees nothing of it.
        using var beta = platform.Gateway.ClientFor("beta");
        var theirs = await beta.GetJsonAsync("/v1/usage");
        Assert.Equal("beta", theirs["tenant"]!.GetValue<string>());
        Assert.Empty(theirs["data"]!.AsArray());
    }

    [Fact]
    public async Task A_stream_abandoned_before_its_usage_arrives_is_still_counted()
    {
        using var zeta = platform.Gateway.ClientFor("zeta");
        var held = new TaskCompletionSource();
        platform.Llm.Enqueue(ScriptedReply.Stream("Partial ", "answer ", "never sent") with { Gate = held.Task, GateAfterPieces = 2 });

        using (var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = JsonContent.Create(new { model = "scripted-model", stream = true, messages = new[] { new { role = "user", content = "Hello?" } } }),
        })
        {
            using var response = await zeta.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            var received = "";
            while (!received.Contains("answer", StringComparison.Ordinal))
            {
                received += await reader.ReadLineAsync() ?? throw new InvalidOperationException("The stream ended early.");
            }
        }

        // Prompt "Hello?" (6 characters) and the 15 characters streamed, at 4 characters a token.
        JsonNode? row = null;
        Assert.True(await Eventually.HoldsAsync(async () =>
            (row = (await zeta.GetJsonAsync("/v1/usage"))["data"]!.AsArray().SingleOrDefault()) is not null));
        Assert.Equal((1, 2, 4), Counts(row!));
    }

    [Fact]
    public async Task A_tenant_over_its_minute_quota_gets_429_naming_it_with_the_token_headers()
    {
        await platform.SetQuotaAsync("gamma", TenantQuota.TokensPerMinute, 12);
        using var gamma = platform.Gateway.ClientFor("gamma");
        await QuotaWindow.AwayFromMinuteEndAsync();

        var first = await gamma.PostAsJsonAsync("/v1/chat/completions", Chat);
        var second = await gamma.PostAsJsonAsync("/v1/chat/completions", Chat);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("12", Header(first, "x-ratelimit-limit-tokens"));
        Assert.Equal("12", Header(first, "x-ratelimit-remaining-tokens"));
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        var error = (await second.JsonAsync())["error"]!;
        Assert.Equal("tokens_per_minute", error["code"]!.GetValue<string>());
        Assert.Equal("rate_limit_error", error["type"]!.GetValue<string>());
        Assert.Contains("tokens_per_minute", error["message"]!.GetValue<string>());
        Assert.Equal("12", Header(second, "x-ratelimit-limit-tokens"));
        Assert.Equal("0", Header(second, "x-ratelimit-remaining-tokens"));
        Assert.EndsWith("s", Header(second, "x-ratelimit-reset-tokens"));
        Assert.True(second.Headers.RetryAfter?.Delta > TimeSpan.Zero);

        // Embeddings are refused by the same quota; another tenant is still served.
        var embeddings = await gamma.PostAsJsonAsync("/v1/embeddings", new { model = UsageFixture.Model, input = "text" });
        Assert.Equal(HttpStatusCode.TooManyRequests, embeddings.StatusCode);
        using var beta = platform.Gateway.ClientFor("beta");
        Assert.Equal(HttpStatusCode.OK, (await beta.PostAsJsonAsync("/v1/chat/completions", Chat)).StatusCode);
    }

    [Fact]
    public async Task A_run_over_its_tenant_day_quota_fails_with_an_event_naming_the_quota()
    {
        // The first model call fits (nothing used yet) and uses 15 tokens; the run's second call does not fit.
        await platform.SetQuotaAsync("delta", TenantQuota.TokensPerDay, 10);
        using var delta = platform.Gateway.ClientFor("delta");
        var agent = await delta.CreateAgentAsync(tools: new[] { new { type = "current_time" } }, model: "scripted-model");
        var thread = await delta.CreateThreadAsync();
        platform.Llm.Enqueue(ScriptedReply.Call("current_time", """{"zone":"UTC"}"""), ScriptedReply.Say("Never said."));

        var run = await delta.StartRunAsync(thread, agent, "What time is it?");
        var failed = await delta.WaitForStatusAsync(run, "failed", "succeeded");
        var events = await delta.AllEventsAsync(run);

        Assert.Equal("failed", failed["status"]!.GetValue<string>());
        Assert.Equal("tokens_per_day", failed["reason"]!.GetValue<string>());
        Assert.Contains("tokens_per_day", failed["error"]!.GetValue<string>());
        Assert.Equal("failed", events[^1].Status());
        Assert.Contains("tokens_per_day", events[^1].Data.ToJsonString());
    }

    [Fact]
    public async Task A_knowledge_upload_over_the_day_quota_gets_429_naming_it_and_stores_nothing()
    {
        await platform.SetQuotaAsync("epsilon", TenantQuota.TokensPerDay, 1);
        using var epsilon = platform.Gateway.ClientFor("epsilon");
        var collection = (await epsilon.PostJsonAsync("/v1/knowledge", new { name = "notes" }, 201))["id"]!.GetValue<string>();
        // A chat call needs one token of room and uses 15: the day's quota is gone.
        (await epsilon.PostAsJsonAsync("/v1/chat/completions", Chat)).EnsureSuccessStatusCode();

        var upload = await epsilon.PostAsJsonAsync($"/v1/knowledge/{collection}/documents", new { text = "A document the quota does not allow to embed." });

        Assert.Equal(HttpStatusCode.TooManyRequests, upload.StatusCode);
        Assert.Equal("tokens_per_day", (await upload.JsonAsync())["error"]!["code"]!.GetValue<string>());
        Assert.Equal(0, (await epsilon.GetJsonAsync($"/v1/knowledge/{collection}"))["chunks"]?.GetValue<int>() ?? 0);
    }

    [Fact]
    public async Task A_tenant_flooding_the_embedding_queue_gets_429_while_another_tenant_is_served()
    {
        // Queue: 64 inputs; a tenant's share: 32, two requests of 16. The flooder sends six at once; the first batch
        // waits up to a second for inputs, so they meet in the queue. Should the machine stall past that second, a
        // batch drains the queue and the round is tried again.
        var batcher = platform.Models.Services.GetRequiredService<EmbeddingModels>().Find(UsageFixture.Model)!.Batcher;
        using var flooder = platform.Gateway.ClientFor("flooder");
        using var bystander = platform.Gateway.ClientFor("bystander");
        var flood = new { model = UsageFixture.Model, input = Enumerable.Range(0, 16).Select(i => $"flood sentence number {i}").ToArray() };

        for (var round = 0; ; round++)
        {
            var floods = Enumerable.Range(0, 6).Select(_ => flooder.PostAsJsonAsync("/v1/embeddings", flood)).ToList();
            var shareFull = await Eventually.HoldsAsync(() => Task.FromResult(batcher.QueuedInputsOf("flooder") == 32 || floods.Any(f => f.IsCompleted)),
                TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(2));
            var served = await bystander.PostAsJsonAsync("/v1/embeddings", new { model = UsageFixture.Model, input = new[] { "a bystander's question" } });
            var answers = await Task.WhenAll(floods);

            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            var refused = answers.Where(answer => answer.StatusCode == HttpStatusCode.TooManyRequests).ToList();
            if (refused.Count == 0 && round < 4)
            {
                continue;
            }

            Assert.True(shareFull);
            Assert.NotEmpty(refused);
            Assert.All(answers, answer => Assert.Contains(answer.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
            var error = (await refused[0].JsonAsync())["error"]!;
            Assert.Equal("queue_share_exceeded", error["code"]!.GetValue<string>());
            return;
        }
    }

    [Theory]
    [InlineData("?start_date=2026-13-01", "start_date")]
    [InlineData("?end_date=yesterday", "end_date")]
    [InlineData("?start_date=2026-11-10&end_date=2026-11-01", "end_date")]
    [InlineData("?start_date=2020-01-01&end_date=2026-01-01", "start_date")]
    public async Task A_malformed_usage_range_gets_400_naming_the_field(string query, string field)
    {
        using var alpha = platform.Gateway.ClientFor("alpha");

        var response = await alpha.GetAsync("/v1/usage" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.JsonAsync())["error"]!;
        Assert.Equal(field, error["param"]!.GetValue<string>());
        Assert.Equal("invalid_request_error", error["type"]!.GetValue<string>());
    }

    private static (long Requests, long Prompt, long Completion) Counts(JsonNode row) =>
        (row["requests"]!.GetValue<long>(), row["prompt_tokens"]!.GetValue<long>(), row["completion_tokens"]!.GetValue<long>());

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : throw new InvalidOperationException($"No {name} header.");
}

/// <summary>Keeps a test's calls in one clock minute of the minute quota.</summary>
public static class QuotaWindow
{
    public static async Task AwayFromMinuteEndAsync()
    {
        var second = DateTime.UtcNow.Second;
        if (second >= 50)
        {
            await Task.Delay(TimeSpan.FromSeconds(61 - second));
        }
    }
}
