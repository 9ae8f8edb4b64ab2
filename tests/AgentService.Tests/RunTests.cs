using System.Net;
using System.Net.Http.Json;
using Platform.TestSupport;

namespace Platform.AgentService.Tests;

public sealed class RunTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>, IAsyncLifetime
{
    private readonly HttpClient _client = fixture.Host.ClientFor("client-runs");
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task InitializeAsync()
    {
        fixture.Llm.ClearReplies();
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _gate.TrySetResult();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Run_that_calls_a_tool_finishes_with_the_answer_and_the_history_records_each_step()
    {
        var agent = await _client.CreateAgentAsync(tools: new[] { new { type = "current_time" } });
        var thread = await _client.CreateThreadAsync();
        var chatRequestsBefore = fixture.Llm.ChatRequests.Count;
        fixture.Llm.Enqueue(ScriptedReply.Call("current_time", "{}"), ScriptedReply.Say("It is late."));

        var run = await _client.PostJsonAsync($"/v1/threads/{thread}/runs", new { agent_id = agent, input = "What time is it?" }, 200);

        Assert.Equal("succeeded", run["status"]!.GetValue<string>());
        Assert.Equal("It is late.", run["output"]!.GetValue<string>());
        Assert.Equal(2, run["steps"]!.GetValue<int>());
        var secondCall = fixture.Llm.ChatRequests[chatRequestsBefore + 1];
        var toolMessage = secondCall.Messages.Single(m => m["role"]!.GetValue<string>() == "tool");
        Assert.Matches(@"\d{4}-\d{2}-\d{2}T", toolMessage["content"]!.ToString());

        var events = await (await _client.GetAsync($"/v1/runs/{run["id"]}/events")).ReadSseAsync();
        Assert.Equal(["run.status", "run.status", "tool_call.delta", "model.call", "tool.call", "message.delta", "model.call", "run.status"], events.Select(e => e.Type));
        Assert.Equal(["queued", "running", "succeeded"], events.Where(e => e.Type == "run.status").Select(e => e.Status()));
        Assert.Equal("current_time", events.Single(e => e.Type == "tool.call").Data["name"]!.GetValue<string>());

        var messages = await _client.GetJsonAsync($"/v1/threads/{thread}/messages");
        Assert.True(messages["data"]!.AsArray().Count == 4, messages.ToJsonString());
        Assert.Equal(["user", "assistant", "tool", "assistant"], messages["data"]!.AsArray().Select(m => m!["role"]!.GetValue<string>()));
        Assert.Equal("current_time", messages["data"]![1]!["tool_calls"]![0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_failing_tool_becomes_an_event_and_the_model_is_told_while_the_run_carries_on()
    {
        var agent = await _client.CreateAgentAsync(tools: new[] { new { type = "http_get" } });
        var thread = await _client.CreateThreadAsync();
        var before = fixture.Llm.ChatRequests.Count;
        fixture.Llm.Enqueue(ScriptedReply.Call("http_get", """{"url":"http://example.com/"}"""), ScriptedReply.Say("I could not fetch it."));

        var run = await _client.PostJsonAsync($"/v1/threads/{thread}/runs", new { agent_id = agent, input = "Fetch example.com" }, 200);

        Assert.Equal("succeeded", run["status"]!.GetValue<string>());
        var events = await (await _client.GetAsync($"/v1/runs/{run["id"]}/events")).ReadSseAsync();
        var error = events.Single(e => e.Type == "tool.error");
        Assert.Contains("not on the allowlist", error.Data["error"]!.GetValue<string>());
        var toolMessage = fixture.Llm.ChatRequests[before + 1].Messages.Single(m => m["role"]!.GetValue<string>() == "tool");
        Assert.Contains("not on the allowlist", toolMessage["content"]!.ToString());
    }

    [Fact]
    public async Task Tool_marked_requires_approval_pauses_the_run_until_it_is_approved()
    {
        var agent = await _client.CreateAgentAsync(tools: new[] { new { type = "current_time", requires_approval = true } });
        var thread = await _client.CreateThreadAsync();
        var before = fixture.Llm.ChatRequests.Count;
        fixture.Llm.Enqueue(ScriptedReply.Call("current_time", "{}"), ScriptedReply.Say("Approved and done."));

        var created = await _client.PostJsonAsync($"/v1/threads/{thread}/runs", new { agent_id = agent, input = "Time?", background = true }, 200);
        var runId = created["id"]!.GetValue<string>();
        var paused = await _client.WaitForStatusAsync(runId, "requires_action");

        var pending = paused["pending_tool_calls"]!.AsArray().Single()!;
        Assert.Equal("current_time", pending["name"]!.GetValue<string>());
        Assert.Equal(before + 1, fixture.Llm.ChatRequests.Count);
        var eventsSoFar = await (await _client.GetAsync($"/v1/runs/{runId}/events")).ReadSseAsync();
        Assert.DoesNotContain(eventsSoFar, e => e.Type == "tool.call");
        Assert.Contains(eventsSoFar, e => e.Type == "approval.requested");

        var resumed = await _client.PostAsJsonAsync($"/v1/runs/{runId}/approvals", new { decisions = new[] { new { tool_call_id = pending["id"]!.GetValue<string>(), approve = true } } });
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        var finished = await _client.WaitForStatusAsync(runId, "succeeded");

        Assert.Equal("Approved and done.", finished["output"]!.GetValue<string>());
        var events = await (await _client.GetAsync($"/v1/runs/{runId}/events")).ReadSseAsync();
        Assert.Contains(events, e => e.Type == "approval.decided" && e.Data["approved"]!.GetValue<bool>());
        Assert.Contains(events, e => e.Type == "tool.call");
        var toolMessage = fixture.Llm.ChatRequests[before + 1].Messages.Single(m => m["role"]!.GetValue<string>() == "tool");
        Assert.Matches(@"\d{4}-\d{2}-\d{2}T", toolMessage["content"]!.ToString());
    }

    [Fact]
    public async Task Denied_tool_call_is_not_executed_and_the_model_hears_of_the_refusal()
    {
        var agent = await _client.CreateAgentAsync(tools: new[] { new { type = "current_time", requires_approval = true } });
        var thread = await _client.CreateThreadAsync();
        var before = fixture.Llm.ChatRequests.Count;
        fixture.Llm.Enqueue(ScriptedReply.Call("current_time", "{}"), ScriptedReply.Say("Understood, no clock."));

        var runId = (await _client.PostJsonAsync($"/v1/threads/{thread}/runs", new { agent_id = agent, input = "Time?", background = true }, 200))["id"]!.GetValue<string>();
        var pending = (await _client.WaitForStatusAsync(runId, "requires_action"))["pending_tool_calls"]![0]!;
        await _client.PostJsonAsync($"/v1/runs/{runId}/approvals", new { decisions = new[] { new { tool_call_id = pending["id"]!.GetValue<string>(), approve = false, reason = "not now" } } }, 200);
        await _client.WaitForStatusAsync(runId, "succeeded");

        var events = await (await _client.GetAsync($"/v1/runs/{runId}/events")).ReadSseAsync();
        Assert.DoesNotContain(events, e => e.Type == "tool.call");
        var toolMessage = fixture.Llm.ChatRequests[before + 1].Messages.Single(m => m["role"]!.GetValue<string>() == "tool");
        Assert.DoesNotMatch(@"\d{4}-\d{2}-\d{2}T", toolMessage["content"]!.ToString());
    }

    [Fact]
    public async Task Approval_naming_an_unknown_tool_call_is_rejected_naming_the_field()
    {
        var agent = await _client.CreateAgentAsync(tools: new[] { new { type = "current_time", requires_approval = true } });
        var thread = await _client.CreateThreadAsync();
        fixture.Llm.Enqueue(ScriptedReply.Call("current_time", "{}"));
        var runId = (await _client.PostJsonAsync($"/v1/threads/{thread}/runs", new { agent_id = agent, input = "Time?", background = true }, 200))["id"]!.GetValue<string>();
        await _client.WaitForStatusAsync(runId, "requires_action");

        var response = await _client.PostAsJsonAsync($"/v1/runs/{runId}/approvals", new { decisions = new[] { new { tool_call_id = "call_forged", approve = true } } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("decisions[0].tool_call_id", (await response.JsonAsync())["error"]!["param"]!.GetValue<string>());
        await _client.PostAsync($"/v1/runs/{runId}/cancel", null);
        await _client.WaitForStatusAsync(runId, "cancelled");
    }

    [Fact]
    public async Task Cancel_stops_a_running_run_and_frees_its_thread()
    {
        var agent = await _client.CreateAgentAsync();
        var thread = await _client.CreateThreadAsync();
        var before = fixture.Llm.ChatRequests.Count;
        fixture.Llm.Enqueue(new ScriptedReply("never seen", Gate: _gate.Task));

        var runId = (await _client.PostJsonAsync($"/v1/threads/{thread}/runs", new { agent_id = agent, input = "Think long", background = true }, 200))["id"]!.GetValue<string>();
        await _client.WaitForStatusAsync(runId, "running");
        Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(fixture.Llm.ChatRequests.Count > before)));

        var cancel = await _client.PostAsync($"/v1/runs/{runId}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        var cancelled = await _client.WaitForStatusAsync(runId, "cancelled", "succeeded", "failed");

        Assert.Equal("cancelled", cancelled["status"]!.GetValue<string>());
        fixture.Llm.Enqueue(ScriptedReply.Say("Next one."));
        var next = await _client.PostJsonAsync($"/v1/threads/{thread}/runs", new { agent_id = agent, input = "Again" }, 200);
        Assert.Equal("succeeded", next["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await _client.PostAsync($"/v1/runs/{runId}/cancel", null)).StatusCode);
    }

    [Fact]
    public async Task Run_past_its_deadline_expires()
    {
        var agent = await _client.CreateAgentAsync(limits: new { deadline_seconds = 1 });
        var thread = await _client.CreateThreadAsync();
        fixture.Llm.Enqueue(new ScriptedReply("too late", Gate: _gate.Task));

        var run = await _client.PostJsonAsync($"/v1/threads/{thread}/runs", new { agent_id = agent, input = "Slow question" }, 200);

        Assert.Equal("expired", run["status"]!.GetValue<string>());
        Assert.Equal("deadline_exceeded", run["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Run_left_waiting_for_approval_expires_at_its_deadline()
    {
        var agent = await _client.CreateAgentAsync(tools: new[] { new { type = "current_time", requires_approval = true } }, limits: new { deadline_seconds = 2 });
        var thread = await _client.CreateThreadAsync();
        fixture.Llm.Enqueue(ScriptedReply.Call("current_time", "{}"));

        var runId = (await _client.PostJsonAsync($"/v1/threads/{thread}/runs", new { agent_id = agent, input = "Time?", background = true }, 200))["id"]!.GetValue<string>();
        await _client.WaitForStatusAsync(runId, "requires_action", "expired");
        var expired = await _client.WaitForStatusAsync(runId, "expired");

        Assert.Equal("deadline_exceeded", expired["reason"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await _client.PostAsJsonAsync($"/v1/runs/{runId}/approvals", new { decisions = Array.Empty<object>() })).StatusCode);
    }

    [Fact]
    public async Task Run_that_keeps_calling_tools_fails_at_its_step_limit()
    {
        var agent = await _client.CreateAgentAsync(tools: new[] { new { type = "current_time" } }, limits: new { max_steps = 3 });
        var thread = await _client.CreateThreadAsync();
        fixture.Llm.Enqueue(Enumerable.Range(0, 5).Select(_ => ScriptedReply.Call("current_time", "{}")).ToArray());

        var run = await _client.PostJsonAsync($"/v1/threads/{thread}/runs", new { agent_id = agent, input = "Loop" }, 200);
        fixture.Llm.ClearReplies();

        Assert.Equal("failed", run["status"]!.GetValue<string>());
        Assert.Equal("max_steps_exceeded", run["reason"]!.GetValue<string>());
        Assert.Equal(3, run["steps"]!.GetValue<int>());
    }

    [Fact]
    public async Task Second_run_on_a_busy_thread_gets_409_and_the_same_idempotency_key_gets_the_same_run()
    {
        var agent = await _client.CreateAgentAsync();
        var thread = await _client.CreateThreadAsync();
        fixture.Llm.Enqueue(new ScriptedReply("first", Gate: _gate.Task));

        using var first = new HttpRequestMessage(HttpMethod.Post, $"/v1/threads/{thread}/runs") { Content = JsonContent.Create(new { agent_id = agent, input = "One", background = true }) };
        first.Headers.Add("Idempotency-Key", "key-1");
        var firstRun = await (await _client.SendAsync(first)).JsonAsync();
        using var repeat = new HttpRequestMessage(HttpMethod.Post, $"/v1/threads/{thread}/runs") { Content = JsonContent.Create(new { agent_id = agent, input = "One", background = true }) };
        repeat.Headers.Add("Idempotency-Key", "key-1");
        var repeated = await (await _client.SendAsync(repeat)).JsonAsync();
        var second = await _client.PostAsJsonAsync($"/v1/threads/{thread}/runs", new { agent_id = agent, input = "Two", background = true });

        Assert.Equal(firstRun["id"]!.GetValue<string>(), repeated["id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("thread_busy", (await second.JsonAsync())["error"]!["code"]!.GetValue<string>());

        _gate.SetResult();
        var done = await _client.WaitForStatusAsync(firstRun["id"]!.GetValue<string>(), "succeeded");
        Assert.Equal("first", done["output"]!.GetValue<string>());
    }

    [Fact]
    public async Task Event_stream_follows_a_live_run_and_a_rejoining_client_gets_exactly_what_it_missed()
    {
        var agent = await _client.CreateAgentAsync(tools: new[] { new { type = "current_time" } });
        var thread = await _client.CreateThreadAsync();
        fixture.Llm.Enqueue(ScriptedReply.Call("current_time", "{}"), new ScriptedReply("Live answer.", Gate: _gate.Task));

        var runId = (await _client.PostJsonAsync($"/v1/threads/{thread}/runs", new { agent_id = agent, input = "Stream it", background = true }, 200))["id"]!.GetValue<string>();
        var live = _client.GetAsync($"/v1/runs/{runId}/events", HttpCompletionOption.ResponseHeadersRead);
        await Task.Delay(300);
        _gate.SetResult();
        var all = await (await live).ReadSseAsync();

        Assert.Equal("succeeded", all[^1].Status());
        Assert.Equal(all.Select(e => e.Id).Distinct().Count(), all.Count);

        using var rejoin = new HttpRequestMessage(HttpMethod.Get, $"/v1/runs/{runId}/events");
        rejoin.Headers.Add("Last-Event-ID", all[2].Id);
        var rest = await (await _client.SendAsync(rejoin)).ReadSseAsync();
        Assert.Equal(all.Skip(3).Select(e => e.Id), rest.Select(e => e.Id));
    }

    [Fact]
    public async Task Thread_left_locked_by_a_run_that_no_longer_exists_accepts_a_new_run()
    {
        var agent = await _client.CreateAgentAsync();
        var thread = await _client.CreateThreadAsync();
        using (var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(fixture.Redis.ConnectionString))
        {
            // As if a replica died between taking the thread and creating its run.
            await redis.GetDatabase().StringSetAsync($"thread:{thread}:active", "run_vanished");
        }

        fixture.Llm.Enqueue(ScriptedReply.Say("Recovered."));
        var run = await _client.PostJsonAsync($"/v1/threads/{thread}/runs", new { agent_id = agent, input = "hi" }, 200);

        Assert.Equal("succeeded", run["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Malformed_last_event_id_gets_400()
    {
        fixture.Llm.Enqueue(ScriptedReply.Say("ok"));
        var agent = await _client.CreateAgentAsync();
        var thread = await _client.CreateThreadAsync();
        var run = await _client.PostJsonAsync($"/v1/threads/{thread}/runs", new { agent_id = agent, input = "hi" }, 200);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/runs/{run["id"]}/events");
        request.Headers.Add("Last-Event-ID", "$");
        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Last-Event-ID", (await response.JsonAsync())["error"]!["param"]!.GetValue<string>());
    }

    [Fact]
    public async Task Streamed_run_sends_its_events_on_the_response()
    {
        var agent = await _client.CreateAgentAsync();
        var thread = await _client.CreateThreadAsync();
        fixture.Llm.Enqueue(ScriptedReply.Say("Streamed."));

        var response = await _client.PostAsJsonAsync($"/v1/threads/{thread}/runs", new { agent_id = agent, input = "Hi", stream = true });

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = await response.ReadSseAsync();
        Assert.Equal(["queued", "running", "succeeded"], events.Where(e => e.Type == "run.status").Select(e => e.Status()));
        Assert.Equal("Streamed.", events.Single(e => e.Type == "model.call").Data["text"]!.GetValue<string>());
    }
}
