#pragma warning disable OPENAI001 // The Responses client is marked experimental.

using System.ClientModel;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OpenAI.Responses;
using Platform.TestSupport;

namespace Platform.AgentService.Tests.ThroughGateway;

/// <summary>The OpenAI Responses API through the gateway, driven by the official OpenAI .NET client.</summary>
public sealed class ResponsesTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>, IAsyncLifetime
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ResponsesClient Client => OpenAiSdk.Responses(fixture.Gateway);

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
    public async Task Agent_named_as_the_model_answers_with_its_instructions_and_the_usage_of_its_model_calls()
    {
        var agent = await fixture.Client.CreateAgentAsync(instructions: "Answer like a pirate.", model: "pirate-model");
        fixture.Llm.Enqueue(ScriptedReply.Stream("Ahoy ", "there."));

        ResponseResult response = await Client.CreateResponseAsync(agent, "Hello");

        Assert.Equal(ResponseStatus.Completed, response.Status);
        Assert.Equal("Ahoy there.", response.GetOutputText());
        Assert.Equal(agent, response.Model);
        Assert.StartsWith("resp_", response.Id);
        Assert.Equal(10, response.Usage.InputTokenCount);
        Assert.Equal(5, response.Usage.OutputTokenCount);
        Assert.Equal(15, response.Usage.TotalTokenCount);
        var sent = fixture.Llm.ChatRequests[^1];
        Assert.Equal("pirate-model", sent.Body["model"]!.GetValue<string>());
        Assert.Equal(("system", "Answer like a pirate."), Message(sent.Messages[0]));
        Assert.Equal(("user", "Hello"), Message(sent.Messages[^1]));
    }

    [Fact]
    public async Task Model_name_runs_a_bare_model_with_the_requests_instructions()
    {
        fixture.Llm.Enqueue(ScriptedReply.Say("Brief."));

        ResponseResult response = await Client.CreateResponseAsync(new CreateResponseOptions
        {
            Model = "plain-model",
            Instructions = "Be brief.",
            InputItems = { ResponseItem.CreateUserMessageItem("Explain everything") },
        });

        Assert.Equal("Brief.", response.GetOutputText());
        var sent = fixture.Llm.ChatRequests[^1];
        Assert.Equal("plain-model", sent.Body["model"]!.GetValue<string>());
        Assert.Equal(("system", "Be brief."), Message(sent.Messages[0]));
    }

    [Fact]
    public async Task Streamed_text_deltas_add_up_to_the_final_text_in_numbered_events()
    {
        var agent = await fixture.Client.CreateAgentAsync();
        fixture.Llm.Enqueue(ScriptedReply.Stream("Once ", "upon ", "a ", "time."));

        var updates = await Client.CreateResponseStreamingAsync(agent, "Tell a story").ToListAsync();

        Assert.IsType<StreamingResponseCreatedUpdate>(updates[0]);
        var completed = Assert.IsType<StreamingResponseCompletedUpdate>(updates[^1]);
        Assert.Equal("Once upon a time.", updates.Deltas());
        Assert.Equal("Once upon a time.", completed.Response.GetOutputText());
        Assert.Equal(Enumerable.Range(0, updates.Count), updates.Select(update => update.SequenceNumber));
        Assert.Contains(updates, update => update is StreamingResponseInProgressUpdate);
        Assert.Contains(updates, update => update is StreamingResponseOutputTextDoneUpdate { Text: "Once upon a time." });
        Assert.Single(updates.OfType<StreamingResponseOutputItemAddedUpdate>());
        Assert.Single(updates.OfType<StreamingResponseContentPartDoneUpdate>());
        Assert.Equal(5, completed.Response.Usage.OutputTokenCount);

        // The same response read afterwards is the one the stream ended with.
        ResponseResult stored = await Client.GetResponseAsync(completed.Response.Id);
        Assert.Equal("Once upon a time.", stored.GetOutputText());
        Assert.Equal(completed.Response.OutputItems.Select(item => item.Id), stored.OutputItems.Select(item => item.Id));
    }

    [Fact]
    public async Task Background_response_answers_at_once_and_is_retrieved_when_done()
    {
        var agent = await fixture.Client.CreateAgentAsync();
        fixture.Llm.Enqueue(new ScriptedReply("Finished.", Gate: _gate.Task));

        ResponseResult started = await Client.CreateResponseAsync(new CreateResponseOptions
        {
            Model = agent,
            BackgroundModeEnabled = true,
            InputItems = { ResponseItem.CreateUserMessageItem("Work on it") },
        });
        Assert.True(started.Status is ResponseStatus.Queued or ResponseStatus.InProgress, $"status {started.Status}");
        Assert.True(started.BackgroundModeEnabled);

        _gate.SetResult();
        var done = await UntilAsync(started.Id, ResponseStatus.Completed);
        Assert.Equal("Finished.", done.GetOutputText());
    }

    [Fact]
    public async Task Stream_resumed_after_a_sequence_number_continues_without_gaps_or_repeats()
    {
        var agent = await fixture.Client.CreateAgentAsync();
        fixture.Llm.Enqueue(new ScriptedReply(Gate: _gate.Task) { Pieces = ["Once ", "upon ", "a ", "time."], GateAfterPieces = 2 });
        ResponseResult started = await Client.CreateResponseAsync(new CreateResponseOptions
        {
            Model = agent,
            BackgroundModeEnabled = true,
            InputItems = { ResponseItem.CreateUserMessageItem("Tell a story") },
        });

        var before = new List<StreamingResponseUpdate>();
        await foreach (var update in await Client.GetResponseStreamingAsync(new GetResponseOptions(started.Id) { StreamingEnabled = true }))
        {
            before.Add(update);
            if (before.Deltas() == "Once upon ")
            {
                break;
            }
        }

        _gate.SetResult();
        var after = await Client.GetResponseStreamingAsync(new GetResponseOptions(started.Id) { StreamingEnabled = true, StartingAfter = before[^1].SequenceNumber }).ToListAsync();

        var joined = before.Concat(after).ToList();
        Assert.Equal(Enumerable.Range(0, joined.Count), joined.Select(update => update.SequenceNumber));
        Assert.Equal("Once upon a time.", joined.Deltas());
        Assert.Equal("Once upon a time.", Assert.IsType<StreamingResponseCompletedUpdate>(joined[^1]).Response.GetOutputText());

        // A replay from the start is the same stream, event for event.
        var replay = await Client.GetResponseStreamingAsync(new GetResponseOptions(started.Id) { StreamingEnabled = true }).ToListAsync();
        Assert.Equal(joined.Select(update => (update.SequenceNumber, update.Kind)), replay.Select(update => (update.SequenceNumber, update.Kind)));
    }

    [Fact]
    public async Task Previous_response_id_continues_the_conversation_and_each_continuation_is_its_own_branch()
    {
        var agent = await fixture.Client.CreateAgentAsync();
        fixture.Llm.Enqueue(ScriptedReply.Say("Hello Ada."), ScriptedReply.Say("Your name is Ada."), ScriptedReply.Say("You like tea."));

        ResponseResult first = await Client.CreateResponseAsync(agent, "My name is Ada.");
        ResponseResult second = await Client.CreateResponseAsync(new CreateResponseOptions
        {
            Model = agent,
            PreviousResponseId = first.Id,
            InputItems = { ResponseItem.CreateUserMessageItem("What is my name?") },
        });
        var branchRequest = await Client.CreateResponseAsync(new CreateResponseOptions
        {
            Model = agent,
            PreviousResponseId = first.Id,
            InputItems = { ResponseItem.CreateUserMessageItem("What do I like?") },
        });

        Assert.Equal("Your name is Ada.", second.GetOutputText());
        Assert.Equal(first.Id, second.PreviousResponseId);
        var requests = fixture.Llm.ChatRequests.TakeLast(2).ToList();
        Assert.Equal(
            [("system", "Be helpful."), ("user", "My name is Ada."), ("assistant", "Hello Ada."), ("user", "What is my name?")],
            requests[0].Messages.Select(Message));
        // The second continuation of the first response does not see the other branch.
        Assert.Equal(
            [("system", "Be helpful."), ("user", "My name is Ada."), ("assistant", "Hello Ada."), ("user", "What do I like?")],
            requests[1].Messages.Select(Message));
        Assert.Equal("You like tea.", branchRequest.Value.GetOutputText());
    }

    [Fact]
    public async Task Client_function_tool_call_ends_the_response_and_its_output_continues_it()
    {
        var agent = await fixture.Client.CreateAgentAsync();
        fixture.Llm.Enqueue(ScriptedReply.Call("get_weather", """{"city":"Paris"}"""), ScriptedReply.Say("It is sunny in Paris."));
        var weather = ResponseTool.CreateFunctionTool(
            "get_weather",
            BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}"""),
            strictModeEnabled: false,
            functionDescription: "Current weather in a city.");

        var updates = await Client.CreateResponseStreamingAsync(new CreateResponseOptions
        {
            Model = agent,
            StreamingEnabled = true,
            Tools = { weather },
            InputItems = { ResponseItem.CreateUserMessageItem("Weather in Paris?") },
        }).ToListAsync();

        var first = Assert.IsType<StreamingResponseCompletedUpdate>(updates[^1]).Response;
        var call = Assert.IsType<FunctionCallResponseItem>(Assert.Single(first.OutputItems));
        Assert.Equal("get_weather", call.FunctionName);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"city":"Paris"}"""), JsonNode.Parse(call.FunctionArguments.ToString())));
        var argumentDeltas = string.Concat(updates.OfType<StreamingResponseFunctionCallArgumentsDeltaUpdate>().Select(update => update.Delta.ToString()));
        Assert.Equal(call.FunctionArguments.ToString(), argumentDeltas);
        var offered = fixture.Llm.ChatRequests[^1].Body["tools"]!.AsArray();
        Assert.Equal("get_weather", Assert.Single(offered)!["function"]!["name"]!.GetValue<string>());

        ResponseResult answer = await Client.CreateResponseAsync(new CreateResponseOptions
        {
            Model = agent,
            PreviousResponseId = first.Id,
            Tools = { weather },
            InputItems = { ResponseItem.CreateFunctionCallOutputItem(call.CallId, "sunny, 22 C") },
        });

        Assert.Equal("It is sunny in Paris.", answer.GetOutputText());
        var messages = fixture.Llm.ChatRequests[^1].Messages;
        Assert.Equal(call.CallId, messages[^2]["tool_calls"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("tool", messages[^1]["role"]!.GetValue<string>());
        Assert.Equal(call.CallId, messages[^1]["tool_call_id"]!.GetValue<string>());
        Assert.Contains("sunny, 22 C", messages[^1]["content"]!.ToJsonString());
    }

    [Fact]
    public async Task Function_call_left_without_output_is_refused_naming_the_input()
    {
        var agent = await fixture.Client.CreateAgentAsync();
        fixture.Llm.Enqueue(ScriptedReply.Call("lookup", "{}"));
        ResponseResult first = await Client.CreateResponseAsync(new CreateResponseOptions
        {
            Model = agent,
            Tools = { ResponseTool.CreateFunctionTool("lookup", BinaryData.FromString("""{"type":"object","properties":{}}"""), strictModeEnabled: false) },
            InputItems = { ResponseItem.CreateUserMessageItem("Look it up") },
        });

        var response = await fixture.Client.PostAsJsonAsync("/v1/responses", new { model = agent, previous_response_id = first.Id, input = "Never mind" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("input", (await response.JsonAsync())["error"]!["param"]!.GetValue<string>());
    }

    [Fact]
    public async Task Cancel_ends_a_background_response_in_progress()
    {
        var agent = await fixture.Client.CreateAgentAsync();
        fixture.Llm.Enqueue(new ScriptedReply("never", Gate: _gate.Task));
        var before = fixture.Llm.ChatRequests.Count;
        ResponseResult started = await Client.CreateResponseAsync(new CreateResponseOptions
        {
            Model = agent,
            BackgroundModeEnabled = true,
            InputItems = { ResponseItem.CreateUserMessageItem("Take your time") },
        });
        Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(fixture.Llm.ChatRequests.Count > before)), "the model was never called");

        ResponseResult cancelled = await Client.CancelResponseAsync(started.Id);

        Assert.Equal(ResponseStatus.Cancelled, cancelled.Status);
        Assert.Equal(ResponseStatus.Cancelled, (await Client.GetResponseAsync(started.Id)).Value.Status);
        var again = await fixture.Client.PostAsync($"/v1/responses/{started.Id}/cancel", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Input_items_list_what_was_sent_and_delete_removes_the_response()
    {
        var agent = await fixture.Client.CreateAgentAsync();
        fixture.Llm.Enqueue(ScriptedReply.Say("Noted."));
        ResponseResult response = await Client.CreateResponseAsync(new CreateResponseOptions
        {
            Model = agent,
            InputItems = { ResponseItem.CreateDeveloperMessageItem("Keep notes."), ResponseItem.CreateUserMessageItem("Note this") },
        });

        var items = new List<ResponseItem>();
        await foreach (var item in Client.GetResponseInputItemsAsync(new ResponseItemCollectionOptions(response.Id) { Order = ResponseItemCollectionOrder.Ascending }))
        {
            items.Add(item);
        }

        Assert.Equal(["Keep notes.", "Note this"], items.Cast<MessageResponseItem>().Select(item => item.Content[0].Text));
        Assert.True((await Client.DeleteResponseAsync(response.Id)).Value.Deleted);
        var gone = await fixture.Client.GetAsync($"/v1/responses/{response.Id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Contains(response.Id, (await gone.JsonAsync())["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Response_not_stored_is_answered_and_then_gone()
    {
        var agent = await fixture.Client.CreateAgentAsync();
        fixture.Llm.Enqueue(ScriptedReply.Say("Ephemeral."));

        ResponseResult response = await Client.CreateResponseAsync(new CreateResponseOptions
        {
            Model = agent,
            StoredOutputEnabled = false,
            InputItems = { ResponseItem.CreateUserMessageItem("Quick one") },
        });

        Assert.Equal("Ephemeral.", response.GetOutputText());
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Client.GetAsync($"/v1/responses/{response.Id}")).StatusCode);
    }

    [Theory]
    [InlineData("""{"model":"m","input":"hi","temperature":0.2}""", "temperature")]
    [InlineData("""{"model":"m","input":"hi","reasoning":{"effort":"low"}}""", "reasoning")]
    [InlineData("""{"model":"m","input":"hi","tools":[{"type":"web_search"}]}""", "tools[0].type")]
    [InlineData("""{"model":"m","input":[{"role":"user","content":[{"type":"input_image","image_url":"http://x/y.png"}]}]}""", "input[0].content[0].type")]
    [InlineData("""{"model":"m","input":[{"type":"item_reference","id":"msg_1"}]}""", "input[0].type")]
    [InlineData("""{"model":"m","input":"hi","tool_choice":"required"}""", "tool_choice")]
    [InlineData("""{"model":"m","input":"hi","background":true,"store":false}""", "store")]
    [InlineData("""{"model":"m"}""", "input")]
    [InlineData("""{"input":"hi"}""", "model")]
    public async Task Unsupported_or_invalid_field_is_answered_400_naming_it(string body, string param)
    {
        var before = fixture.Llm.ChatRequests.Count;

        var response = await fixture.Client.PostAsync("/v1/responses", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.JsonAsync())["error"]!;
        Assert.Equal(param, error["param"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(error["message"]!.GetValue<string>()));
        Assert.Equal(before, fixture.Llm.ChatRequests.Count);
    }

    [Fact]
    public async Task Unsupported_option_set_through_the_sdk_is_refused_with_a_client_error()
    {
        var error = await Assert.ThrowsAsync<ClientResultException>(() => Client.CreateResponseAsync(new CreateResponseOptions
        {
            Model = "m",
            Temperature = 0.5f,
            InputItems = { ResponseItem.CreateUserMessageItem("hi") },
        }));

        Assert.Equal(400, error.Status);
        Assert.Contains("temperature", error.Message);
    }

    [Fact]
    public async Task Unknown_agent_id_as_the_model_is_404_and_another_clients_response_does_not_exist()
    {
        var missing = await fixture.Client.PostAsJsonAsync("/v1/responses", new { model = "agent_0000", input = "hi" });
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("model", (await missing.JsonAsync())["error"]!["param"]!.GetValue<string>());

        var agent = await fixture.Client.CreateAgentAsync();
        fixture.Llm.Enqueue(ScriptedReply.Say("Mine."));
        ResponseResult response = await Client.CreateResponseAsync(agent, "hi");
        var other = fixture.Agents.ClientFor("someone-else");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/v1/responses/{response.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync("/v1/responses", new { model = "m", input = "x", previous_response_id = response.Id })).StatusCode);
    }

    [Fact]
    public async Task Bad_starting_after_is_400_naming_it_and_resumed_streams_are_counted()
    {
        var agent = await fixture.Client.CreateAgentAsync();
        fixture.Llm.Enqueue(ScriptedReply.Say("Done."));
        ResponseResult response = await Client.CreateResponseAsync(agent, "Go");

        var bad = await fixture.Client.GetAsync($"/v1/responses/{response.Id}?stream=true&starting_after=soon");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("starting_after", (await bad.JsonAsync())["error"]!["param"]!.GetValue<string>());

        var tail = await Client.GetResponseStreamingAsync(new GetResponseOptions(response.Id) { StreamingEnabled = true, StartingAfter = 2 }).ToListAsync();
        Assert.Equal(3, tail[0].SequenceNumber);
        Assert.IsType<StreamingResponseCompletedUpdate>(tail[^1]);
        var scrape = await fixture.Agents.ClientFor(null).GetStringAsync("/metrics");
        Assert.Contains("platform_agents_responses_resumed_total", scrape);
        Assert.Contains("platform_agents_responses_total{", scrape);
        Assert.Contains("mode=\"wait\"", scrape);
    }

    private async Task<ResponseResult> UntilAsync(string id, ResponseStatus status)
    {
        ResponseResult response = await Client.GetResponseAsync(id);
        var reached = await Eventually.HoldsAsync(async () =>
        {
            response = await Client.GetResponseAsync(id);
            return response.Status == status;
        }, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(100));
        Assert.True(reached, $"response {id} is {response.Status}, not {status}");
        return response;
    }

    private static (string Role, string Text) Message(JsonNode message) =>
        (message["role"]!.GetValue<string>(), message["content"] is JsonValue content ? content.GetValue<string>() : message["content"]?.ToJsonString() ?? "");
}
