using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Platform.AgentService.Runs;
using Platform.AgentService.Threads;

namespace Platform.AgentService.Responses;

/// <summary>
/// Adds items to a conversation's history. The history is otherwise written only by the run lifecycle when a run
/// ends, so items are added only while no run holds the thread, and by compare-and-set: a run that started in between
/// makes the write fail instead of being overwritten by it.
/// </summary>
public sealed class ConversationHistory(IConnectionMultiplexer redis, ThreadStore threads)
{
    // KEYS: thread's active run, thread messages. ARGV: messages as read, new messages.
    private const string AppendScript = """
        if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
        local current = redis.call('GET', KEYS[2]) or ''
        if current ~= ARGV[1] then return 2 end
        redis.call('SET', KEYS[2], ARGV[2])
        return 1
        """;

    public enum Outcome { Added, Busy }

    public async Task<Outcome> AppendAsync(string threadId, IReadOnlyList<InputItem> items)
    {
        var active = ThreadTurns.ActiveKey(threadId);
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var current = await redis.GetDatabase().StringGetAsync(ThreadStore.MessagesKey(threadId));
            List<ChatMessage> messages = [.. AgentJson.DeserializeMessages(current), .. ChatItems.ToMessages(items)];
            var result = (long)await redis.GetDatabase().ScriptEvaluateAsync(
                AppendScript, [active, ThreadStore.MessagesKey(threadId)], [current.HasValue ? current : "", AgentJson.SerializeMessages(messages)]);
            if (result != 2)
            {
                return result == 1 ? Outcome.Added : Outcome.Busy;
            }
        }

        return Outcome.Busy;
    }

    /// <summary>The conversation's items, oldest first, each with the id its position gives it.</summary>
    public async Task<List<ItemView>> ItemsAsync(string threadId) =>
        ChatItems.FromMessages(await threads.GetMessagesAsync(threadId))
            .Select((item, index) => ItemView.From(item, ItemView.IdFor(item.Type, threadId, index)))
            .ToList();
}
