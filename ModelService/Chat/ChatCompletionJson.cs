using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Platform.ModelService.Chat;

/// <summary>Writes Microsoft.Extensions.AI responses and updates as OpenAI chat completions and stream chunks.</summary>
public static class ChatCompletionJson
{
    public static JsonObject Completion(ChatResponse response, string model)
    {
        var contents = response.Messages.SelectMany(message => message.Contents).ToList();
        var message = new JsonObject
        {
            ["role"] = "assistant",
            ["content"] = contents.OfType<TextContent>().Any() ? string.Concat(contents.OfType<TextContent>().Select(text => text.Text)) : null,
        };
        var calls = ToolCalls(contents.OfType<FunctionCallContent>(), withIndex: false);
        if (calls.Count > 0)
        {
            message["tool_calls"] = calls;
        }

        return new JsonObject
        {
            ["id"] = response.ResponseId ?? NewId(),
            ["object"] = "chat.completion",
            ["created"] = (response.CreatedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds(),
            ["model"] = response.ModelId ?? model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = message,
                ["finish_reason"] = FinishReason(response.FinishReason, calls.Count > 0),
            }),
            ["usage"] = Usage(response.Usage),
        };
    }

    /// <summary>One stream chunk for an update, or null when the update carries nothing a client sees.</summary>
    public static JsonObject? Chunk(ChatResponseUpdate update, ChatStreamState state)
    {
        var delta = new JsonObject();
        if (!state.RoleSent)
        {
            delta["role"] = "assistant";
            state.RoleSent = true;
        }

        var text = string.Concat(update.Contents.OfType<TextContent>().Select(content => content.Text));
        if (text.Length > 0)
        {
            delta["content"] = text;
        }

        var calls = ToolCalls(update.Contents.OfType<FunctionCallContent>(), withIndex: true, state);
        if (calls.Count > 0)
        {
            delta["tool_calls"] = calls;
        }

        if (update.Contents.OfType<UsageContent>().FirstOrDefault() is { } usage)
        {
            state.Usage = usage.Details;
        }

        if (delta.Count == 0 && update.FinishReason is null)
        {
            return null;
        }

        return state.NewChunk(new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["delta"] = delta,
            ["finish_reason"] = update.FinishReason is { } reason ? FinishReason(reason, state.ToolCallCount > 0) : null,
        }));
    }

    /// <summary>The closing usage chunk (<c>stream_options.include_usage</c>): no choices, totals only.</summary>
    public static JsonObject UsageChunk(ChatStreamState state)
    {
        var chunk = state.NewChunk([]);
        chunk["usage"] = Usage(state.Usage);
        return chunk;
    }

    private static JsonArray ToolCalls(IEnumerable<FunctionCallContent> calls, bool withIndex, ChatStreamState? state = null)
    {
        var array = new JsonArray();
        foreach (var call in calls)
        {
            var item = new JsonObject();
            if (withIndex)
            {
                item["index"] = state!.ToolCallCount++;
            }

            item["id"] = call.CallId;
            item["type"] = "function";
            item["function"] = new JsonObject
            {
                ["name"] = call.Name,
                ["arguments"] = JsonSerializer.Serialize(call.Arguments ?? new Dictionary<string, object?>(), AIJsonUtilities.DefaultOptions),
            };
            array.Add(item);
        }

        return array;
    }

    private static string FinishReason(ChatFinishReason? reason, bool hasToolCalls) =>
        reason?.Value ?? (hasToolCalls ? ChatFinishReason.ToolCalls.Value : ChatFinishReason.Stop.Value);

    private static JsonObject Usage(UsageDetails? usage)
    {
        var prompt = usage?.InputTokenCount ?? 0;
        var completion = usage?.OutputTokenCount ?? 0;
        return new JsonObject
        {
            ["prompt_tokens"] = prompt,
            ["completion_tokens"] = completion,
            ["total_tokens"] = usage?.TotalTokenCount ?? prompt + completion,
        };
    }

    internal static string NewId() => $"chatcmpl-{Guid.NewGuid():N}";
}

/// <summary>What a stream has sent so far: one id and timestamp for all chunks, the role once, tool call indexes, usage.</summary>
public sealed class ChatStreamState(string model)
{
    private readonly string _id = ChatCompletionJson.NewId();
    private readonly long _created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public bool RoleSent { get; set; }

    public int ToolCallCount { get; set; }

    public UsageDetails? Usage { get; set; }

    public JsonObject NewChunk(JsonArray choices) => new()
    {
        ["id"] = _id,
        ["object"] = "chat.completion.chunk",
        ["created"] = _created,
        ["model"] = model,
        ["choices"] = choices,
    };
}
