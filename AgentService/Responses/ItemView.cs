namespace Platform.AgentService.Responses;

/// <summary>
/// An item as the Responses and Conversations APIs show it: a <c>message</c> with content parts, a
/// <c>function_call</c> or a <c>function_call_output</c>. Fields that do not apply to the item's type are left out.
/// </summary>
public sealed record ItemView
{
    public required string Id { get; init; }
    public required string Type { get; init; }
    public string? Status { get; init; }
    public string? Role { get; init; }
    public IReadOnlyList<ContentPart>? Content { get; init; }
    public string? CallId { get; init; }
    public string? Name { get; init; }
    public string? Arguments { get; init; }
    public string? Output { get; init; }

    public static ItemView From(InputItem item, string id) => item.Type switch
    {
        InputItem.FunctionCall => new ItemView { Id = id, Type = item.Type, Status = "completed", CallId = item.CallId, Name = item.Name, Arguments = item.Arguments },
        InputItem.FunctionCallOutput => new ItemView { Id = id, Type = item.Type, Status = "completed", CallId = item.CallId, Output = item.Output },
        _ => new ItemView
        {
            Id = id,
            Type = InputItem.Message,
            Status = "completed",
            Role = item.Role,
            Content = [item.Role == "assistant" ? ContentPart.OutputText(item.Text ?? "") : ContentPart.InputText(item.Text ?? "")],
        },
    };

    /// <summary>Item ids are derived from their owner and position, so the same item always has the same id.</summary>
    public static string IdFor(string type, string ownerId, int position) =>
        IdFor(type, ownerId, position.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static string IdFor(string type, string ownerId, string position) =>
        $"{type switch { InputItem.FunctionCall => "fc", InputItem.FunctionCallOutput => "fco", _ => "msg" }}_{ownerId[(ownerId.IndexOf('_') + 1)..]}_{position}";
}

/// <summary>A part of a message's content: <c>input_text</c> (what the client wrote) or <c>output_text</c> (what the model wrote).</summary>
public sealed record ContentPart(string Type, string Text, IReadOnlyList<object>? Annotations = null)
{
    public static ContentPart InputText(string text) => new("input_text", text);

    public static ContentPart OutputText(string text) => new("output_text", text, []);
}
