namespace Platform.AgentService.Responses;

/// <summary>
/// One input or conversation item in the forms this service supports: a <c>message</c> (role and text), a
/// <c>function_call</c> the model made, or the <c>function_call_output</c> the client answered it with.
/// </summary>
public sealed record InputItem
{
    public const string Message = "message";
    public const string FunctionCall = "function_call";
    public const string FunctionCallOutput = "function_call_output";

    public required string Type { get; init; }

    /// <summary>For a message: user, assistant, system or developer.</summary>
    public string? Role { get; init; }
    public string? Text { get; init; }
    public string? CallId { get; init; }
    public string? Name { get; init; }
    public string? Arguments { get; init; }
    public string? Output { get; init; }
}
