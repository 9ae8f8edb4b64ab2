using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Platform.AgentService.Threads;

/// <summary>A history entry as the API shows it: role, text, and the tool calls or tool result it carries.</summary>
public sealed record MessageView(string Role, string Content, IReadOnlyList<ToolCallView>? ToolCalls, string? ToolCallId)
{
    public static IEnumerable<MessageView> From(ChatMessage message)
    {
        var results = message.Contents.OfType<FunctionResultContent>().ToList();
        if (results.Count > 0)
        {
            return results.Select(result => new MessageView("tool", ResultText(result.Result), null, result.CallId));
        }

        var calls = message.Contents.OfType<FunctionCallContent>()
            .Select(call => new ToolCallView(call.CallId, call.Name, JsonSerializer.Serialize(call.Arguments, AgentJson.Messages)))
            .ToList();
        return [new MessageView(message.Role.Value, message.Text, calls.Count > 0 ? calls : null, null)];
    }

    public static string ResultText(object? result) => result switch
    {
        null => "",
        string text => text,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString() ?? "",
        _ => JsonSerializer.Serialize(result, AgentJson.Messages),
    };
}

public sealed record ToolCallView(string Id, string Name, string Arguments);
