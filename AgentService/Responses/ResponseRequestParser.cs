using System.Text.Json;
using System.Text.RegularExpressions;
using Platform.AgentService.Runs;

namespace Platform.AgentService.Responses;

/// <summary>
/// Reads a <c>POST /v1/responses</c> body. Every field this service does not support, and every supported field set to
/// a value it does not support, is a 400 naming the field (code <c>unsupported_parameter</c>), never silently ignored.
/// </summary>
public static partial class ResponseRequestParser
{
    private static readonly HashSet<string> Supported =
    [
        "model", "input", "instructions", "tools", "tool_choice", "parallel_tool_calls", "stream", "background", "store",
        "previous_response_id", "conversation", "metadata", "truncation", "text", "include",
    ];

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,64}$")]
    private static partial Regex FunctionName();

    public static ResponseRequest Parse(JsonElement body, ResponsesOptions options, int maxInstructionsChars)
    {
        foreach (var property in body.EnumerateObject())
        {
            if (!Supported.Contains(property.Name) && property.Value.ValueKind != JsonValueKind.Null)
            {
                throw Unsupported(property.Name, $"'{property.Name}' is not supported by this service.");
            }
        }

        RequireDefault(body);
        var instructions = body.OptionalString("instructions");
        if (instructions?.Length > maxInstructionsChars)
        {
            throw new InvalidRequestException($"'instructions' is longer than {maxInstructionsChars} characters.", "instructions");
        }

        var request = new ResponseRequest
        {
            Model = body.RequiredString("model"),
            Instructions = instructions,
            Input = body.Optional("input") is { } input
                ? InputItemParser.Parse(input, "input", options.MaxInputItems)
                : throw new InvalidRequestException("'input' is required.", "input"),
            Tools = Tools(body, options.MaxFunctionTools),
            Stream = body.OptionalBoolean("stream") ?? false,
            Background = body.OptionalBoolean("background") ?? false,
            Store = body.OptionalBoolean("store") ?? true,
            PreviousResponseId = body.OptionalString("previous_response_id"),
            ConversationId = Conversation(body),
            Metadata = Metadata.Parse(body, "metadata"),
        };

        if (request.Background && !request.Store)
        {
            throw new InvalidRequestException("A background response must be stored: 'store' cannot be false with 'background'.", "store");
        }

        if (request.PreviousResponseId is not null && request.ConversationId is not null)
        {
            throw new InvalidRequestException("'previous_response_id' and 'conversation' cannot be used together.", "previous_response_id");
        }

        return request;
    }

    /// <summary>Fields accepted only with the value this service behaves as.</summary>
    private static void RequireDefault(JsonElement body)
    {
        if (body.Optional("tool_choice") is { } choice
            && !(choice.ValueKind == JsonValueKind.String && choice.GetString() == "auto")
            && !(choice.ValueKind == JsonValueKind.Object && choice.OptionalString("type", "tool_choice.type") == "auto"))
        {
            throw Unsupported("tool_choice", "'tool_choice' supports only \"auto\".");
        }

        if (body.OptionalBoolean("parallel_tool_calls") is false)
        {
            throw Unsupported("parallel_tool_calls", "'parallel_tool_calls' supports only true.");
        }

        if (body.OptionalString("truncation") is { } truncation && truncation != "disabled")
        {
            throw Unsupported("truncation", "'truncation' supports only \"disabled\".");
        }

        if (body.Optional("include") is { } include && (include.ValueKind != JsonValueKind.Array || include.GetArrayLength() > 0))
        {
            throw Unsupported("include", "'include' is not supported: no additional output data is available.");
        }

        if (body.Optional("text") is { } text)
        {
            var format = text.ValueKind == JsonValueKind.Object ? text.Optional("format") : null;
            var onlyFormat = text.ValueKind == JsonValueKind.Object && text.EnumerateObject().All(property => property.Name == "format");
            if (!onlyFormat || format is { } value && (value.ValueKind != JsonValueKind.Object || value.OptionalString("type", "text.format.type") != "text"))
            {
                throw Unsupported("text", "'text' supports only {\"format\":{\"type\":\"text\"}}.");
            }
        }
    }

    private static string? Conversation(JsonElement body) => body.Optional("conversation") switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } id => id.GetString(),
        { ValueKind: JsonValueKind.Object } conversation => conversation.RequiredString("id", "conversation.id"),
        _ => throw JsonFields.WrongType("conversation", "a conversation id or an object with 'id'"),
    };

    private static List<ClientTool> Tools(JsonElement body, int maxTools)
    {
        if (body.Optional("tools") is not { } tools)
        {
            return [];
        }

        if (tools.ValueKind != JsonValueKind.Array)
        {
            throw JsonFields.WrongType("tools", "a list");
        }

        if (tools.GetArrayLength() > maxTools)
        {
            throw new InvalidRequestException($"At most {maxTools} tools are allowed.", "tools");
        }

        var parsed = new List<ClientTool>();
        foreach (var (tool, index) in tools.EnumerateArray().Select((tool, index) => (tool, index)))
        {
            var path = $"tools[{index}]";
            if (tool.ValueKind != JsonValueKind.Object)
            {
                throw JsonFields.WrongType(path, "an object");
            }

            var type = tool.RequiredString("type", $"{path}.type");
            if (type != "function")
            {
                throw Unsupported($"{path}.type", $"'{path}.type' '{type}' is not supported; only client-executed 'function' tools are (an agent's own tools run on the server).");
            }

            var name = tool.RequiredString("name", $"{path}.name");
            if (!FunctionName().IsMatch(name))
            {
                throw new InvalidRequestException($"'{path}.name' must be 1-64 letters, digits, '_' or '-'.", $"{path}.name");
            }

            if (parsed.Any(existing => existing.Name == name))
            {
                throw new InvalidRequestException($"'{path}.name' '{name}' is declared twice.", $"{path}.name");
            }

            var parameters = tool.Optional("parameters") ?? EmptySchema;
            if (parameters.ValueKind != JsonValueKind.Object)
            {
                throw JsonFields.WrongType($"{path}.parameters", "a JSON schema object");
            }

            _ = tool.OptionalBoolean("strict");
            parsed.Add(new ClientTool(name, tool.OptionalString("description", $"{path}.description"), parameters.Clone()));
        }

        return parsed;
    }

    private static readonly JsonElement EmptySchema = JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement;

    private static InvalidRequestException Unsupported(string param, string message) => new(message, param, code: "unsupported_parameter");
}
