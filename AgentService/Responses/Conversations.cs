using Platform.AgentService.Threads;

namespace Platform.AgentService.Responses;

/// <summary>
/// A conversation is a thread whose id starts with <c>conv_</c>: its history is the thread's, every response on it is
/// a run on that thread, and <c>/v1/threads/{id}</c> shows the same thing.
/// </summary>
public static partial class Conversations
{
    public const string Prefix = "conv";

    /// <summary>The ids this service makes (<see cref="Ids.New"/>); anything else is not looked up.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("^conv_[0-9a-f]{32}$")]
    private static partial System.Text.RegularExpressions.Regex IdPattern();

    public static bool IsConversationId(string id) => IdPattern().IsMatch(id);

    public static async Task<AgentThread?> FindConversationAsync(this ThreadStore threads, string id, string caller) =>
        IsConversationId(id) ? await threads.FindAsync(id, caller) : null;
}
