namespace Platform.AgentService.Threads;

/// <summary>A conversation owned by one client; its messages are stored beside it.</summary>
public sealed record AgentThread
{
    public required string Id { get; init; }
    public required string Owner { get; init; }
    public Dictionary<string, string>? Metadata { get; init; }
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
}

public sealed record ThreadRequest
{
    public Dictionary<string, string>? Metadata { get; init; }
}

public sealed record ThreadView(string Id, string Object, Dictionary<string, string>? Metadata, long CreatedAt)
{
    public static ThreadView From(AgentThread thread) => new(thread.Id, "thread", thread.Metadata, thread.CreatedAt.ToUnixTimeSeconds());
}
