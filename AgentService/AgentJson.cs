using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;

namespace Platform.AgentService;

/// <summary>JSON settings: snake_case on the wire and in Redis; chat messages with their polymorphic contents.</summary>
public static class AgentJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>For chat messages (tool calls, results, approvals) as Microsoft.Extensions.AI writes them.</summary>
    public static JsonSerializerOptions Messages => AIJsonUtilities.DefaultOptions;

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        return options;
    }

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T? Deserialize<T>(string? json) => json is null ? default : JsonSerializer.Deserialize<T>(json, Options);

    public static string SerializeMessages(IEnumerable<ChatMessage> messages) => JsonSerializer.Serialize(messages.ToList(), Messages);

    public static List<ChatMessage> DeserializeMessages(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<ChatMessage>>(json, Messages) ?? [];
}
