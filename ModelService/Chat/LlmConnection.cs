using System.Data.Common;

namespace Platform.ModelService.Chat;

/// <summary>The chat provider from <c>ConnectionStrings:llm</c>: <c>Endpoint=&lt;OpenAI-compatible base URL&gt;;Key=&lt;key&gt;;Model=&lt;id&gt;</c>.</summary>
public sealed record LlmConnection(Uri Endpoint, string Key, string Model)
{
    public const string Name = "llm";
    public const string SettingName = "ConnectionStrings:" + Name;
    public const string ExpectedFormat = "Endpoint=<OpenAI-compatible base URL>;Key=<key>;Model=<id>";

    public static LlmConnection? TryParse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var parts = new DbConnectionStringBuilder();
        try
        {
            parts.ConnectionString = value;
        }
        catch (ArgumentException)
        {
            return null;
        }

        return Read(parts, "Endpoint") is { } endpoint
            && Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            && Read(parts, "Key") is { } key
            && Read(parts, "Model") is { } model
            ? new LlmConnection(uri, key, model)
            : null;
    }

    private static string? Read(DbConnectionStringBuilder parts, string name) =>
        parts.TryGetValue(name, out var value) && value is string text && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;
}

/// <summary>The raw setting, validated at start-up: absent is fine (chat answers 503), malformed stops the service.</summary>
public sealed class LlmSettings
{
    public const string Section = "ConnectionStrings";

    /// <summary><c>ConnectionStrings:llm</c>.</summary>
    public string? Llm { get; set; }

    public bool IsAbsentOrValid => string.IsNullOrWhiteSpace(Llm) || LlmConnection.TryParse(Llm) is not null;
}
