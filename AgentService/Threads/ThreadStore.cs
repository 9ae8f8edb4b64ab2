using Microsoft.Extensions.AI;

namespace Platform.AgentService.Threads;

/// <summary>
/// Threads in Redis: <c>thread:{id}</c> (the record) and <c>thread:{id}:messages</c> (the history as chat messages).
/// Whose turn it is on a thread is kept by <see cref="Runs.ThreadTurns"/>.
/// </summary>
public sealed class ThreadStore(IConnectionMultiplexer redis)
{
    private IDatabase Db => redis.GetDatabase();

    private static RedisKey Key(string id) => $"thread:{id}";

    public static RedisKey MessagesKey(string id) => $"thread:{id}:messages";

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
}
