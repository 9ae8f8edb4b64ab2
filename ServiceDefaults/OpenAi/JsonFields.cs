using System.Text.Json;

namespace Platform.ServiceDefaults;

/// <summary>Typed reads of optional request fields that fail with a 400 naming the field.</summary>
public static class JsonFields
{
    public static JsonElement? Optional(this JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static string? OptionalString(this JsonElement parent, string name, string? path = null) =>
        parent.Optional(name) is { } value
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : throw WrongType(path ?? name, "a string")
            : null;

    public static string RequiredString(this JsonElement parent, string name, string? path = null) =>
        parent.OptionalString(name, path) is { Length: > 0 } value
            ? value
            : throw new InvalidRequestException($"'{path ?? name}' is required.", path ?? name);

    public static double? OptionalNumber(this JsonElement parent, string name) =>
        parent.Optional(name) is { } value
            ? value.ValueKind == JsonValueKind.Number ? value.GetDouble() : throw WrongType(name, "a number")
            : null;

    public static long? OptionalInteger(this JsonElement parent, string name) =>
        parent.Optional(name) is { } value
            ? value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : throw WrongType(name, "an integer")
            : null;

    public static bool? OptionalBoolean(this JsonElement parent, string name) =>
        parent.Optional(name) is { } value
            ? value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : throw WrongType(name, "a boolean")
            : null;

    public static InvalidRequestException WrongType(string path, string expected) =>
        new($"'{path}' must be {expected}.", path, code: "invalid_type");
}
