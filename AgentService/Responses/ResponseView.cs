using System.Text.Json;

namespace Platform.AgentService.Responses;

/// <summary>
/// A response in the OpenAI shape. <see cref="RunId"/> is this service's addition: the run that executes the response,
/// for <c>/v1/runs/{id}/events</c> and, for an agent whose tools need approval, <c>/v1/runs/{id}/approvals</c>.
/// </summary>
public sealed record ResponseView
{
    public required string Id { get; init; }
    public string Object { get; init; } = "response";
    public long CreatedAt { get; init; }
    public required string Status { get; init; }
    public bool Background { get; init; }
    public ResponseErrorView? Error { get; init; }
    public IncompleteDetailsView? IncompleteDetails { get; init; }
    public string? Instructions { get; init; }
    public required string Model { get; init; }
    public IReadOnlyList<ItemView> Output { get; init; } = [];
    public bool ParallelToolCalls { get; init; } = true;
    public string? PreviousResponseId { get; init; }
    public bool Store { get; init; }
    public string ToolChoice { get; init; } = "auto";
    public IReadOnlyList<FunctionToolView> Tools { get; init; } = [];
    public string Truncation { get; init; } = "disabled";
    public TextOptionsView Text { get; init; } = new(new TextFormatView("text"));
    public UsageView? Usage { get; init; }
    public Dictionary<string, string> Metadata { get; init; } = [];
    public ConversationRefView? Conversation { get; init; }
    public string? RunId { get; init; }
}

public sealed record ResponseErrorView(string Code, string Message);

public sealed record IncompleteDetailsView(string Reason);

public sealed record FunctionToolView(string Type, string Name, string? Description, JsonElement Parameters, bool Strict);

public sealed record TextOptionsView(TextFormatView Format);

public sealed record TextFormatView(string Type);

public sealed record ConversationRefView(string Id);

public sealed record UsageView(int InputTokens, InputTokensDetailsView InputTokensDetails, int OutputTokens, OutputTokensDetailsView OutputTokensDetails, int TotalTokens);

public sealed record InputTokensDetailsView(int CachedTokens);

public sealed record OutputTokensDetailsView(int ReasoningTokens);

/// <summary>One event of a response stream; fields that do not apply to its type are left out.</summary>
public sealed record ResponseStreamEvent
{
    public required string Type { get; init; }
    public int SequenceNumber { get; init; }
    public ResponseView? Response { get; init; }
    public int? OutputIndex { get; init; }
    public string? ItemId { get; init; }
    public int? ContentIndex { get; init; }
    public ItemView? Item { get; init; }
    public ContentPart? Part { get; init; }
    public string? Delta { get; init; }
    public string? Text { get; init; }
    public string? Arguments { get; init; }
    public string? Name { get; init; }
    public IReadOnlyList<object>? Logprobs { get; init; }
}
