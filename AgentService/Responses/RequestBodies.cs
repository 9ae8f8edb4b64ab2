using System.Text.Json;

namespace Platform.AgentService.Responses;

/// <summary>
/// The bodies the Responses and Conversations APIs accept, as the OpenAPI document describes them. Bodies are read by
/// hand (<see cref="ResponseRequestParser"/>, <see cref="InputItemParser"/>) so every error names its field.
/// </summary>
public sealed record CreateResponseBody(
    string Model,
    JsonElement Input,
    string? Instructions,
    IReadOnlyList<FunctionToolView>? Tools,
    bool? Stream,
    bool? Background,
    bool? Store,
    string? PreviousResponseId,
    JsonElement? Conversation,
    Dictionary<string, string>? Metadata);

public sealed record CreateConversationBody(Dictionary<string, string>? Metadata, JsonElement? Items);

public sealed record UpdateConversationBody(Dictionary<string, string> Metadata);

public sealed record AddConversationItemsBody(JsonElement Items);
