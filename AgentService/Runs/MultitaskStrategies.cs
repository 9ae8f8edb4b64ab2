namespace Platform.AgentService.Runs;

/// <summary>The wire names of <see cref="MultitaskStrategy"/>.</summary>
public static class MultitaskStrategies
{
    public static readonly IReadOnlyList<string> Names = ["reject", "enqueue", "interrupt", "rollback"];

    /// <summary>Parses a request's value; absent means <see cref="MultitaskStrategy.Reject"/>.</summary>
    public static bool TryParse(string? value, out MultitaskStrategy strategy)
    {
        strategy = value switch
        {
            null or "reject" => MultitaskStrategy.Reject,
            "enqueue" => MultitaskStrategy.Enqueue,
            "interrupt" => MultitaskStrategy.Interrupt,
            "rollback" => MultitaskStrategy.Rollback,
            _ => (MultitaskStrategy)(-1),
        };
        return Enum.IsDefined(strategy);
    }
}
