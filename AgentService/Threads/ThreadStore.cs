using Microsoft.Extensions.AI;

namespace Platform.AgentService.Threads;

/// <summary>
/// Threads in Redis: <c>thread:{id}</c> (the record), <c>thread:{id}:messages</c> (the history as chat messages)
/// and <c>thread:{id}:active</c> (the one run allowed at a time, taken with SET NX).
/// </summary>
public sealed class ThreadStore(IConnectionMultiplexer redis)
{
    private IDatabase Db => redis.GetDatabase();

    private static RedisKey Key(string id) => $"thread:{id}";

    private static RedisKey MessagesKey(string id) => $"thread:{id}:messages";

    private static RedisKey ActiveRunKey(string id) => $"thread:{id}:active";

    public async Task<AgentThread?> FindAsync(string id, string caller)
    {
        var thread = AgentJson.Deserialize<AgentThread>(await Db.StringGetAsync(Key(id)));
        return thread?.Owner == caller ? thread : null;
    }

    public Task SaveAsync(AgentThread thread) => Db.StringSetAsync(Key(thread.Id), AgentJson.Serialize(thread));

    public Task DeleteAsync(string id) => Db.KeyDeleteAsync([Key(id), MessagesKey(id)]);

    public async Task<List<ChatMessage>> GetMessagesAsync(string id) =>
        AgentJson.DeserializeMessages(await Db.StringGetAsync(MessagesKey(id)));

    public Task SetMessagesAsync(string id, IEnumerable<ChatMessage> messages) =>
        Db.StringSetAsync(MessagesKey(id), AgentJson.SerializeMessages(messages));

    /// <summary>Takes the thread for a run; false when another run holds it.</summary>
    public Task<bool> TryTakeAsync(string threadId, string runId) =>
        Db.StringSetAsync(ActiveRunKey(threadId), runId, when: When.NotExists);

    public async Task<string?> ActiveRunAsync(string threadId) => await Db.StringGetAsync(ActiveRunKey(threadId));

    /// <summary>Moves the thread from one run to another only if the first still holds it.</summary>
    public async Task<bool> ReplaceAsync(string threadId, string fromRunId, string toRunId) =>
        (long)await Db.ScriptEvaluateAsync(
            "if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2]) return 1 else return 0 end",
            [ActiveRunKey(threadId)], [fromRunId, toRunId]) == 1;

    /// <summary>Releases the thread only if this run still holds it.</summary>
    public Task ReleaseAsync(string threadId, string runId) =>
        Db.ScriptEvaluateAsync(
            "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end",
            [ActiveRunKey(threadId)], [runId]);
}
