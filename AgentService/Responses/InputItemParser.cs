using System.Text;
using System.Text.Json;

namespace Platform.AgentService.Responses;

/// <summary>
/// Reads <c>input</c> (a string, or a list of items) and conversation <c>items</c> into <see cref="InputItem"/>s; any
/// form this service does not support (images, files, item references, other item types) is a 400 naming where it is.
/// </summary>
public static class InputItemParser
{
    private static readonly HashSet<string> Roles = ["user", "assistant", "system", "developer"];

    public static List<InputItem> Parse(JsonElement value, string path, int maxItems)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return [new InputItem { Type = InputItem.Message, Role = "user", Text = value.GetString() }];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw JsonFields.WrongType(path, "a string or a list of items");
        }

        if (value.GetArrayLength() == 0)
        {
            throw new InvalidRequestException($"'{path}' needs at least one item.", path);
        }

        if (value.GetArrayLength() > maxItems)
        {
            throw new InvalidRequestException($"'{path}' has more than {maxItems} items.", path);
        }

        return value.EnumerateArray().Select((item, index) => ParseItem(item, $"{path}[{index}]")).ToList();
    }

    private static InputItem ParseItem(JsonElement item, string path)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw JsonFields.WrongType(path, "an object");
        }

        // An "easy" message has a role and no type.
        var type = item.OptionalString("type", $"{path}.type") ?? (item.Optional("role") is not null ? InputItem.Message : null);
        switch (type)
        {
            case InputItem.Message:
                var role = item.RequiredString("role", $"{path}.role");
                if (!Roles.Contains(role))
                {
                    throw new InvalidRequestException($"'{path}.role' must be one of user, assistant, system, developer.", $"{path}.role");
                }

                return new InputItem { Type = type, Role = role, Text = Text(item, "content", $"{path}.content") };
            case InputItem.FunctionCall:
                var arguments = item.OptionalString("arguments", $"{path}.arguments") ?? "{}";
                if (!IsJsonObject(arguments))
                {
                    throw new InvalidRequestException($"'{path}.arguments' must be a JSON object in a string.", $"{path}.arguments");
                }

                return new InputItem
                {
                    Type = type,
                    CallId = item.RequiredString("call_id", $"{path}.call_id"),
                    Name = item.RequiredString("name", $"{path}.name"),
                    Arguments = arguments,
                };
            case InputItem.FunctionCallOutput:
                return new InputItem { Type = type, CallId = item.RequiredString("call_id", $"{path}.call_id"), Output = Text(item, "output", $"{path}.output") };
            case null:
                throw new InvalidRequestException($"'{path}.type' is required.", $"{path}.type");
            default:
                throw new InvalidRequestException(
                    $"'{path}.type' '{type}' is not supported; use message, function_call or function_call_output.", $"{path}.type", code: "unsupported_parameter");
        }
    }

    /// <summary>A string, or a list of text parts (<c>input_text</c>, <c>output_text</c>) joined.</summary>
    private static string Text(JsonElement item, string name, string path)
    {
        var value = item.Optional(name) ?? throw new InvalidRequestException($"'{path}' is required.", path);
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString()!;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw JsonFields.WrongType(path, "a string or a list of content parts");
        }

        var text = new StringBuilder();
        var index = 0;
        foreach (var part in value.EnumerateArray())
        {
            var partPath = $"{path}[{index++}]";
            if (part.ValueKind != JsonValueKind.Object)
            {
                throw JsonFields.WrongType(partPath, "an object");
            }

            var partType = part.RequiredString("type", $"{partPath}.type");
            if (partType is not ("input_text" or "output_text" or "text"))
            {
                throw new InvalidRequestException(
                    $"'{partPath}.type' '{partType}' is not supported; only text parts are.", $"{partPath}.type", code: "unsupported_parameter");
            }

            text.Append(part.RequiredString("text", $"{partPath}.text"));
        }

        return text.ToString();
    }

    private static bool IsJsonObject(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
