using System.Text.Json;
using Microsoft.Extensions.AI;
using Platform.ModelService.Http;

namespace Platform.ModelService.Chat;

/// <summary>An OpenAI chat completion request, read into Microsoft.Extensions.AI messages and options.</summary>
public sealed record ChatCompletionRequest(string Model, List<ChatMessage> Messages, ChatOptions Options, bool Stream, bool IncludeUsage)
{
    public static ChatCompletionRequest Parse(JsonElement body)
    {
        var model = body.RequiredString("model");
        var messages = body.Optional("messages") is { ValueKind: JsonValueKind.Array } list
            ? list.EnumerateArray().Select(ChatMessageReader.Read).ToList()
            : throw new InvalidRequestException("'messages' is required and must be an array.", "messages");
        if (messages.Count == 0)
        {
            throw new InvalidRequestException("'messages' must contain at least one message.", "messages");
        }

        if (body.OptionalInteger("n") is > 1)
        {
            throw new InvalidRequestException("Only one choice per request is supported ('n' must be 1).", "n");
        }

        var stream = body.OptionalBoolean("stream") ?? false;
        var includeUsage = body.Optional("stream_options") is { } streamOptions
            && (streamOptions.ValueKind == JsonValueKind.Object ? streamOptions.OptionalBoolean("include_usage") ?? false : throw JsonFields.WrongType("stream_options", "an object"));

        return new ChatCompletionRequest(model, messages, ReadOptions(body), stream, includeUsage);
    }

    private static ChatOptions ReadOptions(JsonElement body)
    {
        var options = new ChatOptions
        {
            Temperature = (float?)body.OptionalNumber("temperature"),
            TopP = (float?)body.OptionalNumber("top_p"),
            PresencePenalty = (float?)body.OptionalNumber("presence_penalty"),
            FrequencyPenalty = (float?)body.OptionalNumber("frequency_penalty"),
            Seed = body.OptionalInteger("seed"),
            MaxOutputTokens = (int?)(body.OptionalInteger("max_completion_tokens") ?? body.OptionalInteger("max_tokens")),
            StopSequences = ReadStop(body),
            AllowMultipleToolCalls = body.OptionalBoolean("parallel_tool_calls"),
            ResponseFormat = ReadResponseFormat(body),
        };

        if (body.Optional("tools") is { } tools)
        {
            options.Tools = tools.ValueKind == JsonValueKind.Array
                ? [.. tools.EnumerateArray().Select(ReadTool)]
                : throw JsonFields.WrongType("tools", "an array");
        }

        options.ToolMode = ReadToolChoice(body);
        return options;
    }

    private static List<string>? ReadStop(JsonElement body) => body.Optional("stop") switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } stop => [stop.GetString()!],
        { ValueKind: JsonValueKind.Array } stops => [.. stops.EnumerateArray().Select(item =>
            item.ValueKind == JsonValueKind.String ? item.GetString()! : throw JsonFields.WrongType("stop", "a string or an array of strings"))],
        _ => throw JsonFields.WrongType("stop", "a string or an array of strings"),
    };

    private static ChatResponseFormat? ReadResponseFormat(JsonElement body)
    {
        if (body.Optional("response_format") is not { } format)
        {
            return null;
        }

        var type = format.ValueKind == JsonValueKind.Object ? format.RequiredString("type", "response_format.type") : throw JsonFields.WrongType("response_format", "an object");
        switch (type)
        {
            case "text":
                return ChatResponseFormat.Text;
            case "json_object":
                return ChatResponseFormat.Json;
            case "json_schema":
                var schema = format.Optional("json_schema") ?? throw new InvalidRequestException("'response_format.json_schema' is required.", "response_format.json_schema");
                return ChatResponseFormat.ForJsonSchema(
                    schema.Optional("schema")?.Clone() ?? throw new InvalidRequestException("'response_format.json_schema.schema' is required.", "response_format.json_schema.schema"),
                    schema.OptionalString("name", "response_format.json_schema.name"),
                    schema.OptionalString("description", "response_format.json_schema.description"));
            default:
                throw new InvalidRequestException($"'response_format.type' '{type}' is not supported.", "response_format.type");
        }
    }

    /// <summary>A declaration only: the caller runs its tools, so calls pass back to it rather than being invoked here.</summary>
    private static AITool ReadTool(JsonElement tool, int index)
    {
        var path = $"tools[{index}]";
        if (tool.ValueKind != JsonValueKind.Object || tool.OptionalString("type", $"{path}.type") is not (null or "function"))
        {
            throw new InvalidRequestException($"'{path}' must be a function tool.", path);
        }

        var function = tool.Optional("function") ?? throw new InvalidRequestException($"'{path}.function' is required.", $"{path}.function");
        var name = function.RequiredString("name", $"{path}.function.name");
        // Cloned: the request body's document is disposed before the provider call serializes the schema.
        var parameters = function.Optional("parameters")?.Clone() ?? JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement;
        return AIFunctionFactory.CreateDeclaration(name, function.OptionalString("description", $"{path}.function.description"), parameters);
    }

    private static ChatToolMode? ReadToolChoice(JsonElement body) => body.Optional("tool_choice") switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } choice => choice.GetString() switch
        {
            "auto" => ChatToolMode.Auto,
            "none" => ChatToolMode.None,
            "required" => ChatToolMode.RequireAny,
            var other => throw new InvalidRequestException($"'tool_choice' '{other}' is not one of auto, none, required.", "tool_choice"),
        },
        { ValueKind: JsonValueKind.Object } choice =>
            ChatToolMode.RequireSpecific((choice.Optional("function") ?? throw new InvalidRequestException("'tool_choice.function' is required.", "tool_choice.function"))
                .RequiredString("name", "tool_choice.function.name")),
        _ => throw JsonFields.WrongType("tool_choice", "a string or an object"),
    };
}
