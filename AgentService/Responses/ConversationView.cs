using Platform.AgentService.Threads;

namespace Platform.AgentService.Responses;

/// <summary>A conversation in the OpenAI shape.</summary>
public sealed record ConversationView(string Id, string Object, long CreatedAt, Dictionary<string, string> Metadata)
{
    public static ConversationView From(AgentThread thread) => new(thread.Id, "conversation", thread.CreatedAt.ToUnixTimeSeconds(), thread.Metadata ?? []);
}
