using Microsoft.Extensions.AI;

namespace Platform.AgentService.Runs;

/// <summary>
/// Keeps a thread's history within its tenant's <c>thread_messages</c> quota by dropping the oldest whole turns. A
/// turn starts at a user's text message and runs to the next one (the answer, and any tool calls with their results), so
/// what remains is always a coherent conversation: no answer without its question, no tool result without its call.
/// The latest turn is always kept, even alone over the limit (a run's own conversation is bounded by its steps).
/// </summary>
public static class HistoryTrimmer
{
    public static IReadOnlyList<ChatMessage> Trim(IReadOnlyList<ChatMessage> messages, int maxMessages)
    {
        if (messages.Count <= maxMessages)
        {
            return messages;
        }

        var lastTurn = 0;
        for (var i = 0; i < messages.Count; i++)
        {
            if (!StartsTurn(messages[i]))
            {
                continue;
            }

            if (messages.Count - i <= maxMessages)
            {
                return messages.Skip(i).ToList();
            }

            lastTurn = i;
        }

        return messages.Skip(lastTurn).ToList();
    }

    // A user message carrying approval decisions or tool results continues a turn; only the user's own words start one.
    private static bool StartsTurn(ChatMessage message) =>
        message.Role == ChatRole.User && message.Contents.Count > 0 && message.Contents.All(content => content is TextContent);
}
