using Platform.AgentService.Runs;

namespace Platform.AgentService.Responses;

/// <summary>
/// A response as stored: what the client asked for and the run that answers it. Status, output and usage are not
/// stored here: they are read from the run and its events (<see cref="ResponseFold"/>), the one record of what happened.
/// </summary>
public sealed record ResponseRecord
{
    public required string Id { get; init; }
    public required string Owner { get; init; }
    public required string RunId { get; init; }
    public required string ThreadId { get; init; }

    /// <summary>The <c>model</c> as the client sent it: an agent id or a model name.</summary>
    public required string Model { get; init; }
    public string? Instructions { get; init; }
    public IReadOnlyList<InputItem> Input { get; init; } = [];
    public IReadOnlyList<ClientTool> Tools { get; init; } = [];
    public Dictionary<string, string>? Metadata { get; init; }
    public string? PreviousResponseId { get; init; }

    /// <summary>The conversation the response belongs to; null when it has a thread of its own.</summary>
    public string? ConversationId { get; init; }
    public bool Background { get; init; }
    public bool Store { get; init; } = true;
    public DateTimeOffset CreatedAt { get; init; }
}
