using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.ModelService.Chat;
using Platform.TestSupport;

namespace Platform.ModelService.Tests;

public sealed class ChatCompletionsTests : IAsyncLifetime
{
    private ScriptedOpenAiServer _upstream = null!;
    private ModelServiceHost _service = null!;

    public async Task InitializeAsync()
    {
        _upstream = await ScriptedOpenAiServer.StartAsync();
        _service = await ModelServiceHost.StartAsync(new Dictionary<string, string?> { ["ConnectionStrings:llm"] = _upstream.ConnectionString() });
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    [Fact]
    public async Task Chat_model_from_the_connection_string_is_listed()
    {
        var models = await _service.Client.GetFromJsonAsync<JsonElement>("/v1/models");

        var chat = Assert.Single(models.GetProperty("data").EnumerateArray(), model => model.GetProperty("id").GetString() == "scripted-model");
        Assert.Equal("chat", chat.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Messages_tools_and_options_reach_the_provider_and_the_answer_comes_back()
    {
        _upstream.Enqueue(ScriptedResponse.Completion("Paris.", promptTokens: 31, completionTokens: 2));

        var response = await _service.Client.PostAsync("/v1/chat/completions", Json("""
            {
              "model": "scripted-model",
              "messages": [
                {"role": "system", "content": "Answer briefly."},
                {"role": "user", "content": [{"type": "text", "text": "Capital of France?"}]}
              ],
              "temperature": 0.25,
              "top_p": 0.5,
              "max_tokens": 64,
              "stop": ["END"],
              "seed": 7,
              "tools": [{"type": "function", "function": {"name": "lookup", "description": "Looks things up.",
                "parameters": {"type": "object", "properties": {"q": {"type": "string"}}, "required": ["q"]}}}],
              "tool_choice": {"type": "function", "function": {"name": "lookup"}}
            }
            """));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("chat.completion", body.GetProperty("object").GetString());
        var choice = body.GetProperty("choices")[0];
        Assert.Equal("Paris.", choice.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("assistant", choice.GetProperty("message").GetProperty("role").GetString());
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(31, body.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(2, body.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal(33, body.GetProperty("usage").GetProperty("total_tokens").GetInt32());

        var sent = Assert.Single(_upstream.Requests);
        Assert.Equal("/v1/chat/completions", sent.Path);
        Assert.Equal("Bearer test-key", sent.Authorization);
        var upstream = sent.Json;
        Assert.Equal("scripted-model", upstream.GetProperty("model").GetString());
        Assert.Equal(["system", "user"], upstream.GetProperty("messages").EnumerateArray().Select(message => message.GetProperty("role").GetString()));
        Assert.Contains("Capital of France?", upstream.GetProperty("messages")[1].GetProperty("content").ToString());
        Assert.Equal(0.25, upstream.GetProperty("temperature").GetDouble(), 3);
        Assert.Equal(0.5, upstream.GetProperty("top_p").GetDouble(), 3);
        Assert.Equal(64, (upstream.TryGetProperty("max_completion_tokens", out var max) ? max : upstream.GetProperty("max_tokens")).GetInt32());
        Assert.Equal("END", upstream.GetProperty("stop")[0].GetString());
        Assert.Equal(7, upstream.GetProperty("seed").GetInt32());
        var tool = Assert.Single(upstream.GetProperty("tools").EnumerateArray());
        Assert.Equal("lookup", tool.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("q", tool.GetProperty("function").GetProperty("parameters").GetProperty("required")[0].GetString());
        Assert.Equal("lookup", upstream.GetProperty("tool_choice").GetProperty("function").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Tool_calls_pass_back_to_the_caller_and_their_results_pass_on()
    {
        _upstream.Enqueue(ScriptedResponse.ToolCall("call_1", "get_weather", """{"city":"Oslo"}"""));

        var response = await _service.Client.PostAsync("/v1/chat/completions", Json("""
            {"model":"scripted-model","messages":[{"role":"user","content":"Weather in Oslo?"}],
             "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}]}
            """));

        var choice = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("choices")[0];
        Assert.Equal("tool_calls", choice.GetProperty("finish_reason").GetString());
        var call = Assert.Single(choice.GetProperty("message").GetProperty("tool_calls").EnumerateArray());
        Assert.Equal("call_1", call.GetProperty("id").GetString());
        Assert.Equal("function", call.GetProperty("type").GetString());
        Assert.Equal("get_weather", call.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("Oslo", JsonDocument.Parse(call.GetProperty("function").GetProperty("arguments").GetString()!).RootElement.GetProperty("city").GetString());

        _upstream.Enqueue(ScriptedResponse.Completion("It is sunny in Oslo."));
        var followUp = await _service.Client.PostAsync("/v1/chat/completions", Json("""
            {"model":"scripted-model","messages":[
              {"role":"user","content":"Weather in Oslo?"},
              {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Oslo\"}"}}]},
              {"role":"tool","tool_call_id":"call_1","content":"sunny, 21 C"}]}
            """));

        Assert.Equal(HttpStatusCode.OK, followUp.StatusCode);
        var sent = _upstream.Requests.Last().Json.GetProperty("messages");
        Assert.Equal("call_1", sent[1].GetProperty("tool_calls")[0].GetProperty("id").GetString());
        Assert.Equal("get_weather", sent[1].GetProperty("tool_calls")[0].GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("tool", sent[2].GetProperty("role").GetString());
        Assert.Equal("call_1", sent[2].GetProperty("tool_call_id").GetString());
        Assert.Contains("sunny, 21 C", sent[2].GetProperty("content").ToString());
    }

    [Fact]
    public async Task Streaming_sends_text_chunks_usage_and_done()
    {
        _upstream.Enqueue(ScriptedResponse.StreamedText(["Hel", "lo ", "there"]));

        var events = await StreamAsync("""
            {"model":"scripted-model","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"Hi"}]}
            """);

        Assert.Equal("[DONE]", events[^1]);
        var chunks = events.SkipLast(1).Select(data => JsonDocument.Parse(data).RootElement).ToList();
        Assert.All(chunks, chunk => Assert.Equal("chat.completion.chunk", chunk.GetProperty("object").GetString()));
        Assert.Single(chunks.Select(chunk => chunk.GetProperty("id").GetString()).Distinct());
        var deltas = chunks.Where(chunk => chunk.GetProperty("choices").GetArrayLength() > 0).Select(chunk => chunk.GetProperty("choices")[0]).ToList();
        Assert.Equal("assistant", deltas[0].GetProperty("delta").GetProperty("role").GetString());
        Assert.Equal("Hello there", string.Concat(deltas.Select(choice => choice.GetProperty("delta").TryGetProperty("content", out var text) ? text.GetString() : "")));
        Assert.Equal("stop", deltas.Last(choice => choice.GetProperty("finish_reason").ValueKind == JsonValueKind.String).GetProperty("finish_reason").GetString());
        var usage = chunks[^1];
        Assert.Equal(0, usage.GetProperty("choices").GetArrayLength());
        Assert.Equal(9, usage.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(3, usage.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Streaming_without_include_usage_sends_no_usage_chunk()
    {
        _upstream.Enqueue(ScriptedResponse.StreamedText(["just text"]));

        var events = await StreamAsync("""{"model":"scripted-model","stream":true,"messages":[{"role":"user","content":"Hi"}]}""");

        Assert.Equal("[DONE]", events[^1]);
        Assert.DoesNotContain(events.SkipLast(1), data => JsonDocument.Parse(data).RootElement.TryGetProperty("usage", out _));
    }

    [Fact]
    public async Task A_streamed_tool_call_arrives_with_its_whole_arguments()
    {
        _upstream.Enqueue(ScriptedResponse.StreamedToolCall("call_9", "search", ["{\"que", "ry\":\"on", "nx\"}"]));

        var events = await StreamAsync("""
            {"model":"scripted-model","stream":true,"messages":[{"role":"user","content":"find onnx"}],
             "tools":[{"type":"function","function":{"name":"search"}}]}
            """);

        var choices = events.SkipLast(1).Select(data => JsonDocument.Parse(data).RootElement.GetProperty("choices")).Where(c => c.GetArrayLength() > 0).Select(c => c[0]).ToList();
        var call = Assert.Single(choices, choice => choice.GetProperty("delta").TryGetProperty("tool_calls", out _))
            .GetProperty("delta").GetProperty("tool_calls")[0];
        Assert.Equal(0, call.GetProperty("index").GetInt32());
        Assert.Equal("call_9", call.GetProperty("id").GetString());
        Assert.Equal("search", call.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("onnx", JsonDocument.Parse(call.GetProperty("function").GetProperty("arguments").GetString()!).RootElement.GetProperty("query").GetString());
        Assert.Equal("tool_calls", choices.Last(choice => choice.GetProperty("finish_reason").ValueKind == JsonValueKind.String).GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task A_client_that_disconnects_cancels_the_upstream_call()
    {
        _upstream.Enqueue(ScriptedResponse.StreamedText(["first piece"], holdOpen: true));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = Json("""{"model":"scripted-model","stream":true,"messages":[{"role":"user","content":"long answer please"}]}"""),
        };

        var response = await _service.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.StartsWith("data: ", await reader.ReadLineAsync());
        Assert.False(_upstream.CancellationObserved.IsCompleted);

        response.Dispose(); // the client goes away mid-stream

        var observed = await Task.WhenAny(_upstream.CancellationObserved, Task.Delay(TimeSpan.FromSeconds(60)));
        Assert.Same(_upstream.CancellationObserved, observed);
    }

    [Fact]
    public async Task A_provider_failure_gets_502_without_a_retry()
    {
        _upstream.Enqueue(ScriptedResponse.Json("""{"error":{"message":"boom","type":"server_error"}}""", 500));

        var response = await _service.Client.PostAsync("/v1/chat/completions", Json("""{"model":"scripted-model","messages":[{"role":"user","content":"Hi"}]}"""));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("upstream_error", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("code").GetString());
        Assert.Single(_upstream.Requests);
    }

    [Fact]
    public async Task A_provider_failure_is_described_without_the_providers_own_text_or_address()
    {
        _upstream.Enqueue(ScriptedResponse.Json("""{"error":{"message":"stack trace at /srv/llm/worker.py line 12","type":"server_error"}}""", 500));

        var response = await _service.Client.PostAsync("/v1/chat/completions", Json("""{"model":"scripted-model","messages":[{"role":"user","content":"Hi"}]}"""));
        var message = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("message").GetString()!;

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("The chat provider failed with status 500.", message);
        Assert.DoesNotContain(new Uri(_upstream.BaseUrl).Authority, message);
    }

    [Fact]
    public async Task A_provider_rejection_passes_on_the_providers_message_for_its_client_and_nothing_else()
    {
        _upstream.Enqueue(ScriptedResponse.Json("""{"error":{"message":"This model's maximum context length is 8192 tokens.","type":"invalid_request_error"}}""", 400));

        var response = await _service.Client.PostAsync("/v1/chat/completions", Json("""{"model":"scripted-model","messages":[{"role":"user","content":"Hi"}]}"""));
        var message = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("message").GetString()!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("The chat provider rejected the request: This model's maximum context length is 8192 tokens.", message);
        Assert.DoesNotContain(new Uri(_upstream.BaseUrl).Authority, message);
    }

    [Theory]
    [InlineData("""{"model":"scripted-model"}""", "messages")]
    [InlineData("""{"model":"scripted-model","messages":[]}""", "messages")]
    [InlineData("""{"model":"scripted-model","messages":[{"role":"wizard","content":"x"}]}""", "messages[0].role")]
    [InlineData("""{"model":"scripted-model","messages":[{"role":"user","content":"x"}],"temperature":"hot"}""", "temperature")]
    [InlineData("""{"model":"scripted-model","messages":[{"role":"user","content":"x"}],"tool_choice":"sometimes"}""", "tool_choice")]
    [InlineData("""{"model":"scripted-model","messages":[{"role":"assistant","tool_calls":[{"id":"c","function":{"name":"f","arguments":"not json"}}]}]}""", "messages[0].tool_calls[0].function.arguments")]
    [InlineData("""{"messages":[{"role":"user","content":"x"}]}""", "model")]
    public async Task Bad_chat_input_gets_400_naming_the_parameter(string json, string param)
    {
        var response = await _service.Client.PostAsync("/v1/chat/completions", Json(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(param, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("param").GetString());
        Assert.Empty(_upstream.Requests);
    }

    [Fact]
    public async Task Unknown_chat_model_gets_404()
    {
        var response = await _service.Client.PostAsync("/v1/chat/completions", Json("""{"model":"gpt-unknown","messages":[{"role":"user","content":"x"}]}"""));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(_upstream.Requests);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<List<string>> StreamAsync(string json)
    {
        var response = await _service.Client.PostAsync("/v1/chat/completions", Json(json));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        return [.. text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(line => line.StartsWith("data: ", StringComparison.Ordinal) ? line["data: ".Length..] : throw new InvalidDataException(line))];
    }
}

public sealed class ChatProviderSettingTests
{
    [Fact]
    public async Task A_provider_slower_than_the_chat_timeout_gets_504()
    {
        await using var upstream = await ScriptedOpenAiServer.StartAsync();
        await using var service = await ModelServiceHost.StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:llm"] = upstream.ConnectionString(),
            ["ModelServing:ChatTimeout"] = "00:00:01",
        });
        upstream.Enqueue(ScriptedResponse.StreamedText(["never finishes"], holdOpen: true));

        var response = await service.Client.PostAsJsonAsync("/v1/chat/completions", new { model = "scripted-model", messages = new[] { new { role = "user", content = "Hi" } } });

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("upstream_timeout", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Chat_without_a_provider_gets_503_naming_the_setting()
    {
        await using var service = await ModelServiceHost.StartAsync();

        var response = await service.Client.PostAsJsonAsync("/v1/chat/completions", new { model = "any", messages = new[] { new { role = "user", content = "Hi" } } });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        Assert.Contains("ConnectionStrings:llm", error.GetProperty("message").GetString());
        Assert.Equal("service_unavailable_error", error.GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("Endpoint=not a url;Key=k;Model=m")]
    [InlineData("Key=k;Model=m")]
    [InlineData("Endpoint=http://localhost:1/v1;Key=k")]
    [InlineData("this is not a connection string")]
    public async Task Malformed_llm_setting_stops_start_up_naming_the_setting(string value)
    {
        var failure = await StartupValidation.FailureAsync(builder => builder.AddChatProvider(), new Dictionary<string, string?> { ["ConnectionStrings:llm"] = value });

        Assert.Contains("ConnectionStrings:llm", failure);
    }

    [Fact]
    public async Task Absent_llm_setting_lets_the_service_start()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new Microsoft.Extensions.Hosting.HostApplicationBuilderSettings { DisableDefaults = true });
        builder.AddChatProvider();
        using var host = builder.Build();

        await host.StartAsync();
        var provider = host.Services.GetRequiredService<ChatProvider>();
        await host.StopAsync();

        Assert.Null(provider.Connection);
        Assert.Null(provider.Client);
    }
}
