namespace Platform.AgentService.Runs;

/// <summary>A run stopped by one of its limits; <see cref="Reason"/> becomes the run's failure reason.</summary>
public sealed class RunLimitException(string reason, string message) : Exception(message)
{
    public string Reason { get; } = reason;
}
