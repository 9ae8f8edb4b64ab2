using System.Text.Json;

namespace Platform.AgentService.Responses;

/// <summary>OpenAI's <c>metadata</c>: at most 16 string values, keys up to 64 and values up to 512 characters.</summary>
public static class Metadata
{
    public const int MaxEntries = 16;

    public static Dictionary<string, string>? Parse(JsonElement body, string name)
    {
        if (body.Optional(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw JsonFields.WrongType(name, "an object of strings");
        }

        var metadata = new Dictionary<string, string>();
        foreach (var entry in value.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.String || entry.Name.Length > 64 || entry.Value.GetString()!.Length > 512)
            {
                throw new InvalidRequestException($"'{name}.{entry.Name}' must be a string of at most 512 characters, under a key of at most 64.", $"{name}.{entry.Name}");
            }

            metadata[entry.Name] = entry.Value.GetString()!;
        }

        return metadata.Count > MaxEntries
            ? throw new InvalidRequestException($"'{name}' has more than {MaxEntries} entries.", name)
            : metadata;
    }
}
