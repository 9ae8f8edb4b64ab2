using Platform.AgentService.Threads;

namespace Platform.AgentService.Responses;

/// <summary>
/// A conversation is a thread whose id starts with <c>conv_</c>: its history is the thread's, every response on it is
/// a run on that thread, and <c>/v1/threads/{id}</c> shows the same thing.
/// </summary>
public static class Conversations
{
    public const string Prefix = "conv";

    public static bool IsConversationId(string id) => id.StartsWith(Prefix + "_", StringComparison.Ordinal);

    public static async Task<AgentThread?> FindConversationAsync(this ThreadStore threads, string id, string caller) =>
        IsConversationId(id) ? await threads.FindAsync(id, caller) : null;
}
