using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Platform.TestSupport;

/// <summary>One tool call the scripted model asks for.</summary>
public sealed record ScriptedToolCall(string Name, string ArgumentsJson, string? Id = null);

/// <summary>
/// One scripted model answer: text, tool calls, or both. When <see cref="Gate"/> is set the server holds the
/// reply until the gate completes (or the caller goes away), so a test can freeze a run mid-way; with
/// <see cref="GateAfterPieces"/> a streamed reply is held after that many text pieces, mid-message.
/// </summary>
public sealed record ScriptedReply(string? Text = null, IReadOnlyList<ScriptedToolCall>? ToolCalls = null, Task? Gate = null)
{
    /// <summary>The text as streamed, one chunk per piece (<see cref="Text"/> is their concatenation).</summary>
    public IReadOnlyList<string>? Pieces { get; init; }

    /// <summary>With <see cref="Gate"/>: how many pieces are streamed before the reply waits for it.</summary>
    public int? GateAfterPieces { get; init; }

    public static ScriptedReply Say(string text) => new(text);

    /// <summary>A text answer streamed piece by piece (a plain request gets it whole).</summary>
    public static ScriptedReply Stream(params string[] pieces) => new(string.Concat(pieces)) { Pieces = pieces };

    public static ScriptedReply Call(string name, string argumentsJson) => new(ToolCalls: [new ScriptedToolCall(name, argumentsJson)]);
}

/// <summary>A request the server received, with its parsed JSON body.</summary>
public sealed record ScriptedRequest(string Path, JsonNode Body)
{
    /// <summary>The chat messages sent, as (role, content-or-tool-output) pairs.</summary>
    public IReadOnlyList<JsonNode> Messages => Body["messages"]?.AsArray().Where(m => m is not null).Select(m => m!).ToList() ?? [];
}

/// <summary>
/// An OpenAI-protocol HTTP server for tests, standing in for an upstream LLM: Kestrel on a free loopback port
/// serving <c>/v1/chat/completions</c> (plain and SSE streaming, tool calls) from a queue of scripted replies,
/// and <c>/v1/embeddings</c> with deterministic vectors (a hashed bag of words, so texts sharing words are close).
/// Every request is recorded.
/// </summary>
public sealed class ScriptedLlmServer : IAsyncDisposable
{
    public const int EmbeddingDimensions = 384;

    private readonly ConcurrentQueue<ScriptedReply> _replies = new();
    private readonly ConcurrentQueue<ScriptedRequest> _requests = new();
    private WebApplication? _app;
    private int _completionCounter;

    public int Port { get; private set; }

    /// <summary>Base URL including <c>/v1</c>, as OpenAI clients expect.</summary>
    public string BaseUrl => $"http://{_address}:{Port}/v1";

    private IPAddress _address = IPAddress.Loopback;
    private int _port;

    /// <summary>Answers chat requests when the queue is empty; by default a fixed text.</summary>
    public Func<ScriptedRequest, ScriptedReply> WhenQueueEmpty { get; set; } = _ => ScriptedReply.Say("(no scripted reply left)");

    public IReadOnlyList<ScriptedRequest> Requests => _requests.ToArray();

    public IReadOnlyList<ScriptedRequest> ChatRequests => _requests.Where(r => r.Path.EndsWith("/chat/completions", StringComparison.Ordinal)).ToArray();

    /// <param name="address">Loopback unless containers must reach it (the address of their network's bridge).</param>
    /// <param name="port">Any free port unless the address was handed out before the server could start.</param>
    public static async Task<ScriptedLlmServer> StartAsync(IPAddress? address = null, int port = 0)
    {
        var server = new ScriptedLlmServer { _address = address ?? IPAddress.Loopback, _port = port };
        await server.StartCoreAsync();
        return server;
    }

    public ScriptedLlmServer Enqueue(params ScriptedReply[] replies)
    {
        foreach (var reply in replies)
        {
            _replies.Enqueue(reply);
        }

        return this;
    }

    /// <summary>Drops replies still queued (a test that stopped early leaves none behind for the next).</summary>
    public void ClearReplies() => _replies.Clear();

    /// <summary>The deterministic embedding this server returns for a text (unit length).</summary>
    public static float[] Embed(string text)
    {
        var vector = new float[EmbeddingDimensions];
        var words = System.Text.RegularExpressions.Regex.Split(text.ToLowerInvariant(), @"[^\p{L}\p{Nd}]+").Where(w => w.Length > 0);
        foreach (var word in words)
        {
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(word));
            vector[BitConverter.ToUInt32(hash, 0) % EmbeddingDimensions] += 1f;
        }

        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        if (norm > 0)
        {
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] /= norm;
            }
        }

        return vector;
    }

    private async Task StartCoreAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(_address, _port));
        _app = builder.Build();
        _app.MapPost("/v1/chat/completions", HandleChatAsync);
        _app.MapPost("/v1/embeddings", HandleEmbeddingsAsync);
        await _app.StartAsync();
        Port = new Uri(_app.Urls.First()).Port;
    }

    private async Task HandleChatAsync(HttpContext context)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) ?? new JsonObject();
        var request = new ScriptedRequest(context.Request.Path, body);
        _requests.Enqueue(request);
        var reply = _replies.TryDequeue(out var next) ? next : WhenQueueEmpty(request);
        if (reply is { Gate: { } gate, GateAfterPieces: null })
        {
            await gate.WaitAsync(context.RequestAborted);
        }

        var model = body["model"]?.GetValue<string>() ?? "scripted";
        var id = $"chatcmpl-{Interlocked.Increment(ref _completionCounter)}";
        var toolCalls = (reply.ToolCalls ?? []).Select((call, index) => (call, id: call.Id ?? $"call_{_completionCounter}_{index}")).ToList();
        var finishReason = toolCalls.Count > 0 ? "tool_calls" : "stop";

        if (body["stream"]?.GetValue<bool>() == true)
        {
            context.Response.ContentType = "text/event-stream";
            var pieces = reply.Pieces ?? [reply.Text ?? ""];
            await WriteChunkAsync(context, id, model, new JsonObject { ["role"] = "assistant", ["content"] = "" }, null);
            for (var i = 0; i < pieces.Count; i++)
            {
                if (i == reply.GateAfterPieces && reply.Gate is { } held)
                {
                    await held.WaitAsync(context.RequestAborted);
                }

                await WriteChunkAsync(context, id, model, new JsonObject { ["content"] = pieces[i] }, null);
            }

            for (var i = 0; i < toolCalls.Count; i++)
            {
                // As providers do: the call's id and name first, then its arguments in fragments.
                await WriteChunkAsync(context, id, model, ToolCallChunk(i, toolCalls[i].id, toolCalls[i].call.Name, ""), null);
                foreach (var fragment in Fragments(toolCalls[i].call.ArgumentsJson, 3))
                {
                    await WriteChunkAsync(context, id, model, ToolCallChunk(i, null, null, fragment), null);
                }
            }

            await WriteChunkAsync(context, id, model, new JsonObject(), finishReason);
            if (body["stream_options"]?["include_usage"]?.GetValue<bool>() == true)
            {
                // As providers do when asked: a last chunk with no choices, carrying the call's usage.
                await WriteUsageChunkAsync(context, id, model);
            }

            await context.Response.WriteAsync("data: [DONE]\n\n");
            return;
        }

        var message = new JsonObject { ["role"] = "assistant", ["content"] = reply.Text };
        if (toolCalls.Count > 0)
        {
            message["tool_calls"] = new JsonArray(toolCalls.Select(t => (JsonNode)new JsonObject
            {
                ["id"] = t.id,
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = t.call.Name, ["arguments"] = t.call.ArgumentsJson },
            }).ToArray());
        }

        await context.Response.WriteAsJsonAsync(new JsonObject
        {
            ["id"] = id,
            ["object"] = "chat.completion",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = finishReason }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 10, ["completion_tokens"] = 5, ["total_tokens"] = 15 },
        });
    }

    private static JsonObject ToolCallChunk(int index, string? callId, string? name, string arguments)
    {
        var call = new JsonObject { ["index"] = index };
        if (callId is not null)
        {
            call["id"] = callId;
            call["type"] = "function";
        }

        var function = new JsonObject { ["arguments"] = arguments };
        if (name is not null)
        {
            function["name"] = name;
        }

        call["function"] = function;
        return new JsonObject { ["tool_calls"] = new JsonArray(call) };
    }

    private static IEnumerable<string> Fragments(string text, int count)
    {
        var size = Math.Max(1, (text.Length + count - 1) / count);
        for (var start = 0; start < text.Length; start += size)
        {
            yield return text.Substring(start, Math.Min(size, text.Length - start));
        }
    }

    private static async Task WriteUsageChunkAsync(HttpContext context, string id, string model)
    {
        var chunk = new JsonObject
        {
            ["id"] = id,
            ["object"] = "chat.completion.chunk",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["model"] = model,
            ["choices"] = new JsonArray(),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 10, ["completion_tokens"] = 5, ["total_tokens"] = 15 },
        };
        await context.Response.WriteAsync($"data: {chunk.ToJsonString()}\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    private static async Task WriteChunkAsync(HttpContext context, string id, string model, JsonObject delta, string? finishReason)
    {
        var chunk = new JsonObject
        {
            ["id"] = id,
            ["object"] = "chat.completion.chunk",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finishReason }),
        };
        await context.Response.WriteAsync($"data: {chunk.ToJsonString()}\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    private async Task HandleEmbeddingsAsync(HttpContext context)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) ?? new JsonObject();
        _requests.Enqueue(new ScriptedRequest(context.Request.Path, body));
        var inputs = body["input"] switch
        {
            JsonArray array => array.Select(item => item!.GetValue<string>()).ToList(),
            JsonNode single => [single.GetValue<string>()],
            _ => new List<string>(),
        };
        var base64 = body["encoding_format"]?.GetValue<string>() == "base64";
        var data = new JsonArray();
        for (var i = 0; i < inputs.Count; i++)
        {
            var vector = Embed(inputs[i]);
            JsonNode embedding = base64
                ? JsonValue.Create(Convert.ToBase64String(System.Runtime.InteropServices.MemoryMarshal.AsBytes(vector.AsSpan())))
                : new JsonArray(vector.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
            data.Add(new JsonObject { ["object"] = "embedding", ["index"] = i, ["embedding"] = embedding });
        }

        var tokens = inputs.Sum(text => text.Length / 4 + 1);
        await context.Response.WriteAsJsonAsync(new JsonObject
        {
            ["object"] = "list",
            ["data"] = data,
            ["model"] = body["model"]?.GetValue<string>() ?? "scripted-embeddings",
            ["usage"] = new JsonObject { ["prompt_tokens"] = tokens, ["total_tokens"] = tokens },
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
