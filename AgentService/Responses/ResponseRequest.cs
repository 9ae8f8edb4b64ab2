using Platform.AgentService.Runs;

namespace Platform.AgentService.Responses;

/// <summary>A <c>POST /v1/responses</c> body as read and checked by <see cref="ResponseRequestParser"/>.</summary>
public sealed record ResponseRequest
{
    public required string Model { get; init; }
    public string? Instructions { get; init; }
    public required IReadOnlyList<InputItem> Input { get; init; }
    public IReadOnlyList<ClientTool> Tools { get; init; } = [];
    public bool Stream { get; init; }
    public bool Background { get; init; }
    public bool Store { get; init; } = true;
    public string? PreviousResponseId { get; init; }
    public string? ConversationId { get; init; }
    public Dictionary<string, string>? Metadata { get; init; }
}
