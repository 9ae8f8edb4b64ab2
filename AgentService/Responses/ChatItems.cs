using System.Text.Json;
using Microsoft.Extensions.AI;
using Platform.AgentService.Threads;

namespace Platform.AgentService.Responses;

/// <summary>Converts between items (the Responses API's history) and chat messages (a thread's history).</summary>
public static class ChatItems
{
    // Microsoft.Extensions.AI's defaults indent; arguments are a JSON string on the wire and stay compact.
    private static readonly JsonSerializerOptions CompactArguments = new(AgentJson.Messages) { WriteIndented = false };

    public static List<ChatMessage> ToMessages(IEnumerable<InputItem> items)
    {
        var messages = new List<ChatMessage>();
        foreach (var item in items)
        {
            switch (item.Type)
            {
                case InputItem.FunctionCall:
                    var call = new FunctionCallContent(item.CallId!, item.Name!, Arguments(item.Arguments));
                    // A model's calls of one turn, and any text before them, are one assistant message.
                    if (messages.Count > 0 && messages[^1].Role == ChatRole.Assistant)
                    {
                        messages[^1].Contents.Add(call);
                    }
                    else
                    {
                        messages.Add(new ChatMessage(ChatRole.Assistant, [call]));
                    }

                    break;
                case InputItem.FunctionCallOutput:
                    messages.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(item.CallId!, item.Output ?? "")]));
                    break;
                default:
                    messages.Add(new ChatMessage(RoleOf(item.Role), item.Text ?? ""));
                    break;
            }
        }

        return messages;
    }

    /// <summary>The items of a history: its texts, the calls the model made and the results they got; system messages are not items.</summary>
    public static List<InputItem> FromMessages(IEnumerable<ChatMessage> messages)
    {
        var items = new List<InputItem>();
        foreach (var message in messages.Where(message => message.Role != ChatRole.System))
        {
            if (message.Role != ChatRole.Tool && message.Text is { Length: > 0 } text)
            {
                items.Add(new InputItem { Type = InputItem.Message, Role = message.Role == ChatRole.Assistant ? "assistant" : "user", Text = text });
            }

            foreach (var content in message.Contents)
            {
                switch (content)
                {
                    case FunctionCallContent call:
                        items.Add(new InputItem
                        {
                            Type = InputItem.FunctionCall,
                            CallId = call.CallId,
                            Name = call.Name,
                            Arguments = JsonSerializer.Serialize(call.Arguments ?? new Dictionary<string, object?>(), CompactArguments),
                        });
                        break;
                    case FunctionResultContent result:
                        items.Add(new InputItem { Type = InputItem.FunctionCallOutput, CallId = result.CallId, Output = MessageView.ResultText(result.Result) });
                        break;
                }
            }
        }

        return items;
    }

    private static ChatRole RoleOf(string? role) => role switch
    {
        "assistant" => ChatRole.Assistant,
        "system" or "developer" => ChatRole.System,
        _ => ChatRole.User,
    };

    private static Dictionary<string, object?> Arguments(string? json)
    {
        using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json);
        return document.RootElement.EnumerateObject().ToDictionary(property => property.Name, property => (object?)property.Value.Clone());
    }
}
