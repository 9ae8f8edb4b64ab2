using Platform.AgentService.Runs;
using Platform.AgentService.Threads;

namespace Platform.AgentService.Responses;

/// <summary>Removes an ended response: its record, its run and events, and its own thread (a conversation stays).</summary>
public sealed class ResponseRemoval(ResponseStore responses, RunStore runs, ThreadStore threads)
{
    public async Task RemoveAsync(ResponseRecord record)
    {
        await responses.DeleteAsync(record.Id);
        await runs.DeleteAsync(record.RunId);
        if (record.ConversationId is null && await threads.FindAsync(record.ThreadId, record.Owner) is { } thread)
        {
            await threads.DeleteAsync(thread);
        }
    }
}
