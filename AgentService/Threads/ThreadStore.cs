using Microsoft.Extensions.AI;
using Platform.AgentService.Quotas;
using Platform.ServiceDefaults.Tenancy;

namespace Platform.AgentService.Threads;

/// <summary>
/// Threads in Redis: <c>thread:{id}</c> (the record) and <c>thread:{id}:messages</c> (the history as chat messages).
/// Whose turn it is on a thread is kept by <see cref="Runs.ThreadTurns"/>. A thread counts against its owner's
/// <c>threads</c> quota and, with its history, <c>stored_bytes</c>; both keys expire after the owner's thread TTL
/// without use, and every use (a run, a read) pushes the expiry back.
/// </summary>
public sealed class ThreadStore(IConnectionMultiplexer redis, TimeProvider clock, ILogger<ThreadStore> logger)
{
    /// <summary>The ledger kind of a thread's history: sized and expiring with the thread, but not counted as an object.</summary>
    public const string HistoryKind = "history";

    // KEYS: ledger usage, sizes, expiry, thread, messages. ARGV: expire at (ms), thread member, history member.
    private static readonly string TouchScript = TenantLedger.Lua + """

        if redis.call('EXISTS', KEYS[4]) == 0 then return 0 end
        redis.call('PEXPIREAT', KEYS[4], ARGV[1])
        redis.call('PEXPIREAT', KEYS[5], ARGV[1])
        ledger_touch(KEYS[2], KEYS[3], ARGV[2], tonumber(ARGV[1]))
        ledger_touch(KEYS[2], KEYS[3], ARGV[3], tonumber(ARGV[1]))
        return 1
        """;

    private IDatabase Db => redis.GetDatabase();

    public static RedisKey Key(string id) => $"thread:{id}";

    public static RedisKey MessagesKey(string id) => $"thread:{id}:messages";

    public static string Member(string id) => TenantLedger.Member(TenantQuota.Threads, id);

    public static string HistoryMember(string id) => TenantLedger.Member(HistoryKind, id);

    public async Task<AgentThread?> FindAsync(string id, string caller)
    {
        var thread = AgentJson.Deserialize<AgentThread>(await Db.StringGetAsync(Key(id)));
        return thread?.Owner == caller ? thread : null;
    }

    /// <summary>Stores a new thread; throws <see cref="QuotaExceededException"/> (nothing written) over a quota.</summary>
    public Task CreateAsync(AgentThread thread, TenantLimitSet limits) => SaveAsync(thread, limits);

    /// <summary>
    /// Stores a thread, new or changed (a new one counts against <c>threads</c>, every one against
    /// <c>stored_bytes</c>) and restarts its retention; throws <see cref="QuotaExceededException"/> (nothing written).
    /// </summary>
    public async Task SaveAsync(AgentThread thread, TenantLimitSet limits)
    {
        var now = clock.GetUtcNow();
        var put = new LedgerWrites.Put(thread.Owner, TenantQuota.Threads, thread.Id, Key(thread.Id), AgentJson.Serialize(thread), limits.Threads, limits.StoredBytes)
        {
            ExpiresAt = now + limits.ThreadTtl,
        };
        if (await LedgerWrites.PutAsync(Db, put, now) is { } refused)
        {
            throw QuotaExceededException.For(refused, limits);
        }
    }

    /// <summary>
    /// Pushes the thread's expiry to <paramref name="ttl"/> from now. Best effort on a read: a Redis that is full
    /// refuses the write, and the read must still work.
    /// </summary>
    public async Task TouchAsync(AgentThread thread, TimeSpan ttl)
    {
        var expireAt = (clock.GetUtcNow() + ttl).ToUnixTimeMilliseconds();
        try
        {
            await Db.ScriptEvaluateAsync(TouchScript, [.. TenantLedger.Keys(thread.Owner), Key(thread.Id), MessagesKey(thread.Id)],
                [expireAt, Member(thread.Id), HistoryMember(thread.Id)]);
        }
        catch (RedisServerException exception) when (QuotaErrors.IsOutOfMemory(exception))
        {
            logger.LogWarning("Could not extend thread {ThreadId}'s retention: Redis is full", thread.Id);
        }
    }

    /// <summary>
    /// Replaces a thread's whole history (a conversation's first items, a copied history), sized against
    /// <c>stored_bytes</c> and expiring with the thread; throws <see cref="QuotaExceededException"/> (nothing written).
    /// </summary>
    public async Task SetMessagesAsync(AgentThread thread, IEnumerable<ChatMessage> messages, TenantLimitSet limits)
    {
        var now = clock.GetUtcNow();
        var put = new LedgerWrites.Put(thread.Owner, HistoryKind, thread.Id, MessagesKey(thread.Id), AgentJson.SerializeMessages(messages), CountLimit: -1, limits.StoredBytes)
        {
            ExpiresAt = now + limits.ThreadTtl,
        };
        if (await LedgerWrites.PutAsync(Db, put, now) is { } refused)
        {
            throw QuotaExceededException.For(refused, limits);
        }
    }

    public Task DeleteAsync(AgentThread thread) =>
        LedgerWrites.RemoveAsync(Db, thread.Owner, thread.Id, owned: null, [Member(thread.Id), HistoryMember(thread.Id)], [Key(thread.Id), MessagesKey(thread.Id)]);

    public async Task<List<ChatMessage>> GetMessagesAsync(string id) =>
        AgentJson.DeserializeMessages(await Db.StringGetAsync(MessagesKey(id)));
}
