using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Platform.TestSupport;

/// <summary>
/// An OpenAI-protocol upstream for tests, standing in for a chat provider: Kestrel on a free loopback port,
/// answering each request with the next scripted response (JSON, or SSE chunks), recording every request,
/// and noticing when a caller goes away in the middle of a response.
/// </summary>
public sealed class ScriptedOpenAiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ScriptedResponse> _script = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly TaskCompletionSource _cancellationObserved = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ScriptedOpenAiServer(WebApplication app)
    {
        _app = app;
        _app.Map("/{**path}", HandleAsync);
    }

    /// <summary>Base URL clients use, ending in <c>/v1</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    public IReadOnlyCollection<RecordedRequest> Requests => _requests;

    /// <summary>Completes when a client disconnected while a response was held open or streaming.</summary>
    public Task CancellationObserved => _cancellationObserved.Task;

    public string ConnectionString(string model = "scripted-model", string key = "test-key") =>
        $"Endpoint={BaseUrl};Key={key};Model={model}";

    public static async Task<ScriptedOpenAiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = new ScriptedOpenAiServer(builder.Build());
        await server._app.StartAsync();
        var address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = address.TrimEnd('/') + "/v1";
        return server;
    }

    public ScriptedOpenAiServer Enqueue(ScriptedResponse response)
    {
        _script.Enqueue(response);
        return this;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        _requests.Enqueue(new RecordedRequest(context.Request.Method, context.Request.Path, context.Request.Headers.Authorization.ToString(), body));

        if (!_script.TryDequeue(out var response))
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await context.Response.WriteAsync("""{"error":{"message":"no scripted response left","type":"server_error"}}""");
            return;
        }

        try
        {
            await response.WriteAsync(context);
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException)
        {
            _cancellationObserved.TrySetResult();
            return;
        }

        if (context.RequestAborted.IsCancellationRequested)
        {
            _cancellationObserved.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One request the scripted server received.</summary>
public sealed record RecordedRequest(string Method, string Path, string Authorization, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

/// <summary>One scripted answer: a JSON body with a status, or a stream of SSE chunks, optionally held open.</summary>
public sealed class ScriptedResponse
{
    private readonly Func<HttpContext, Task> _write;

    private ScriptedResponse(Func<HttpContext, Task> write) => _write = write;

    internal Task WriteAsync(HttpContext context) => _write(context);

    public static ScriptedResponse Json(string body, int status = StatusCodes.Status200OK) => new(async context =>
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body, context.RequestAborted);
    });

    /// <summary>
    /// SSE chunks (each a JSON object), then <c>data: [DONE]</c>; or, with <paramref name="holdOpen"/>, no end:
    /// the response stays open until the caller disconnects, which the server then records.
    /// </summary>
    public static ScriptedResponse Stream(IEnumerable<string> chunks, bool holdOpen = false) => new(async context =>
    {
        context.Response.ContentType = "text/event-stream";
        foreach (var chunk in chunks)
        {
            await context.Response.WriteAsync($"data: {chunk}\n\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }

        if (holdOpen)
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }

        await context.Response.WriteAsync("data: [DONE]\n\n", context.RequestAborted);
    });

    /// <summary>A whole chat completion with text content.</summary>
    public static ScriptedResponse Completion(string content, string model = "scripted-model", int promptTokens = 11, int completionTokens = 7) =>
        Json(JsonSerializer.Serialize(new
        {
            id = "chatcmpl-scripted",
            @object = "chat.completion",
            created = 1_700_000_000,
            model,
            choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
            usage = new { prompt_tokens = promptTokens, completion_tokens = completionTokens, total_tokens = promptTokens + completionTokens },
        }));

    /// <summary>A whole chat completion that asks the caller to run one tool.</summary>
    public static ScriptedResponse ToolCall(string callId, string name, string argumentsJson, string model = "scripted-model") =>
        Json(JsonSerializer.Serialize(new
        {
            id = "chatcmpl-scripted",
            @object = "chat.completion",
            created = 1_700_000_000,
            model,
            choices = new[]
            {
                new
                {
                    index = 0,
                    message = new { role = "assistant", content = (string?)null, tool_calls = new[] { new { id = callId, type = "function", function = new { name, arguments = argumentsJson } } } },
                    finish_reason = "tool_calls",
                },
            },
            usage = new { prompt_tokens = 20, completion_tokens = 5, total_tokens = 25 },
        }));

    /// <summary>A streamed answer, one chunk per text piece, a finish chunk and a usage chunk.</summary>
    public static ScriptedResponse StreamedText(IEnumerable<string> pieces, string model = "scripted-model", bool holdOpen = false)
    {
        var chunks = new List<string> { StreamChunk(model, new { role = "assistant", content = "" }, null) };
        chunks.AddRange(pieces.Select(piece => StreamChunk(model, new { content = piece }, null)));
        if (!holdOpen)
        {
            chunks.Add(StreamChunk(model, new { }, "stop"));
            chunks.Add(JsonSerializer.Serialize(new
            {
                id = "chatcmpl-scripted", @object = "chat.completion.chunk", created = 1_700_000_000, model,
                choices = Array.Empty<object>(),
                usage = new { prompt_tokens = 9, completion_tokens = 3, total_tokens = 12 },
            }));
        }

        return Stream(chunks, holdOpen);
    }

    /// <summary>A streamed tool call whose arguments arrive in fragments, as providers send them.</summary>
    public static ScriptedResponse StreamedToolCall(string callId, string name, IEnumerable<string> argumentFragments, string model = "scripted-model")
    {
        var chunks = new List<string>
        {
            StreamChunk(model, new { role = "assistant", tool_calls = new[] { new { index = 0, id = callId, type = "function", function = new { name, arguments = "" } } } }, null),
        };
        chunks.AddRange(argumentFragments.Select(fragment =>
            StreamChunk(model, new { tool_calls = new[] { new { index = 0, function = new { arguments = fragment } } } }, null)));
        chunks.Add(StreamChunk(model, new { }, "tool_calls"));
        return Stream(chunks);
    }

    private static string StreamChunk(string model, object delta, string? finishReason) => JsonSerializer.Serialize(new
    {
        id = "chatcmpl-scripted",
        @object = "chat.completion.chunk",
        created = 1_700_000_000,
        model,
        choices = new[] { new { index = 0, delta, finish_reason = finishReason } },
    });
}
