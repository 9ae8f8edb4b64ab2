using System.Text.Json;
using Microsoft.Extensions.AI;
using Platform.ModelService.Http;

namespace Platform.ModelService.Chat;

/// <summary>Reads one OpenAI chat message (system, developer, user, assistant with tool calls, tool result).</summary>
internal static class ChatMessageReader
{
    public static ChatMessage Read(JsonElement message, int index)
    {
        var path = $"messages[{index}]";
        if (message.ValueKind != JsonValueKind.Object)
        {
            throw JsonFields.WrongType(path, "an object");
        }

        var role = message.RequiredString("role", $"{path}.role");
        var chatMessage = role switch
        {
            "system" or "developer" => new ChatMessage(ChatRole.System, ReadContent(message, path)),
            "user" => new ChatMessage(ChatRole.User, ReadContent(message, path)),
            "assistant" => new ChatMessage(ChatRole.Assistant, [.. ReadContent(message, path), .. ReadToolCalls(message, path)]),
            "tool" => new ChatMessage(ChatRole.Tool,
                [new FunctionResultContent(message.RequiredString("tool_call_id", $"{path}.tool_call_id"), ReadText(message, path))]),
            _ => throw new InvalidRequestException($"'{path}.role' '{role}' is not one of system, developer, user, assistant, tool.", $"{path}.role"),
        };
        chatMessage.AuthorName = message.OptionalString("name", $"{path}.name");
        return chatMessage;
    }

    private static List<AIContent> ReadContent(JsonElement message, string path) => message.Optional("content") switch
    {
        null => [],
        { ValueKind: JsonValueKind.String } text => [new TextContent(text.GetString())],
        { ValueKind: JsonValueKind.Array } parts => [.. parts.EnumerateArray().Select((part, i) => ReadPart(part, $"{path}.content[{i}]"))],
        _ => throw JsonFields.WrongType($"{path}.content", "a string or an array of content parts"),
    };

    private static string ReadText(JsonElement message, string path) =>
        string.Concat(ReadContent(message, path).OfType<TextContent>().Select(text => text.Text));

    private static AIContent ReadPart(JsonElement part, string path)
    {
        var type = part.ValueKind == JsonValueKind.Object ? part.RequiredString("type", $"{path}.type") : throw JsonFields.WrongType(path, "an object");
        switch (type)
        {
            case "text":
                return new TextContent(part.RequiredString("text", $"{path}.text"));
            case "image_url":
                var url = (part.Optional("image_url") ?? throw new InvalidRequestException($"'{path}.image_url' is required.", $"{path}.image_url"))
                    .RequiredString("url", $"{path}.image_url.url");
                return url.StartsWith("data:", StringComparison.OrdinalIgnoreCase)
                    ? new DataContent(url)
                    : Uri.TryCreate(url, UriKind.Absolute, out var uri)
                        ? new UriContent(uri, "image/*")
                        : throw new InvalidRequestException($"'{path}.image_url.url' is not an absolute URL.", $"{path}.image_url.url");
            default:
                throw new InvalidRequestException($"'{path}.type' '{type}' is not supported.", $"{path}.type");
        }
    }

    private static IEnumerable<AIContent> ReadToolCalls(JsonElement message, string path)
    {
        if (message.Optional("tool_calls") is not { } calls)
        {
            return [];
        }

        if (calls.ValueKind != JsonValueKind.Array)
        {
            throw JsonFields.WrongType($"{path}.tool_calls", "an array");
        }

        return [.. calls.EnumerateArray().Select((call, i) =>
        {
            var callPath = $"{path}.tool_calls[{i}]";
            var function = call.Optional("function") ?? throw new InvalidRequestException($"'{callPath}.function' is required.", $"{callPath}.function");
            return new FunctionCallContent(
                call.RequiredString("id", $"{callPath}.id"),
                function.RequiredString("name", $"{callPath}.function.name"),
                ParseArguments(function.OptionalString("arguments", $"{callPath}.function.arguments"), $"{callPath}.function.arguments"));
        })];
    }

    private static Dictionary<string, object?>? ParseArguments(string? arguments, string path)
    {
        if (string.IsNullOrWhiteSpace(arguments))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(arguments)?
                .ToDictionary(pair => pair.Key, pair => (object?)pair.Value);
        }
        catch (JsonException)
        {
            throw new InvalidRequestException($"'{path}' must be a JSON object encoded as a string.", path);
        }
    }
}
