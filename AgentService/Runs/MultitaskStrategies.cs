namespace Platform.AgentService.Runs;

/// <summary>The wire names of <see cref="MultitaskStrategy"/>.</summary>
public static class MultitaskStrategies
{
    public static readonly IReadOnlyList<string> Names = ["reject", "enqueue", "interrupt", "rollback"];

    /// <summary>Parses a request's value; absent means <see cref="MultitaskStrategy.Reject"/>, an unknown name is a 400.</summary>
    public static MultitaskStrategy Parse(string? value) => value switch
    {
        null or "reject" => MultitaskStrategy.Reject,
        "enqueue" => MultitaskStrategy.Enqueue,
        "interrupt" => MultitaskStrategy.Interrupt,
        "rollback" => MultitaskStrategy.Rollback,
        _ => throw new InvalidRequestException($"'multitask_strategy' must be one of {string.Join(", ", Names)}.", "multitask_strategy"),
    };
}
