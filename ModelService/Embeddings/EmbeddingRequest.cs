using System.Text.Json;
using Platform.ModelService.Http;

namespace Platform.ModelService.Embeddings;

/// <summary>The <c>POST /v1/embeddings</c> body: <c>model</c>, <c>input</c> (string or array of strings), <c>encoding_format</c>, <c>dimensions</c>.</summary>
public sealed record EmbeddingRequest(string Model, IReadOnlyList<string> Inputs, bool Base64, int? Dimensions)
{
    public static EmbeddingRequest Parse(JsonElement body, int maxInputs)
    {
        var model = body.RequiredString("model");
        var inputs = ParseInputs(body.Optional("input") ?? throw new InvalidRequestException("'input' is required.", "input"), maxInputs);
        var format = body.OptionalString("encoding_format") ?? "float";
        if (format is not ("float" or "base64"))
        {
            throw new InvalidRequestException("'encoding_format' must be 'float' or 'base64'.", "encoding_format");
        }

        var dimensions = body.OptionalInteger("dimensions");
        return new EmbeddingRequest(model, inputs, format == "base64", dimensions is { } d ? (int)Math.Clamp(d, int.MinValue, int.MaxValue) : null);
    }

    private static string[] ParseInputs(JsonElement input, int maxInputs)
    {
        string[] inputs = input.ValueKind switch
        {
            JsonValueKind.String => [input.GetString()!],
            JsonValueKind.Array => [.. input.EnumerateArray().Select((item, index) => item.ValueKind == JsonValueKind.String
                ? item.GetString()!
                : throw new InvalidRequestException(
                    item.ValueKind == JsonValueKind.Number
                        ? "'input' as token ids is not supported; send text."
                        : $"'input[{index}]' must be a string.",
                    $"input[{index}]", code: "invalid_type"))],
            _ => throw JsonFields.WrongType("input", "a string or an array of strings"),
        };

        if (inputs.Length == 0)
        {
            throw new InvalidRequestException("'input' must not be an empty array.", "input");
        }

        if (inputs.Length > maxInputs)
        {
            throw new InvalidRequestException($"'input' has {inputs.Length} items; at most {maxInputs} are allowed per request.", "input", code: "too_many_inputs");
        }

        if (Array.FindIndex(inputs, string.IsNullOrWhiteSpace) is var empty and >= 0)
        {
            throw new InvalidRequestException($"'input[{empty}]' is empty; every input needs text.", inputs.Length == 1 ? "input" : $"input[{empty}]");
        }

        return inputs;
    }
}
