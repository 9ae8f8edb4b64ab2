namespace Platform.AgentService.Quotas;

/// <summary>
/// Writes and deletes of one tenant object (an agent, a thread, a collection) together with its entry in the
/// <see cref="TenantLedger"/>, in one script: the quota check, the count and the write happen at once or not at all.
/// </summary>
public static class LedgerWrites
{
    // KEYS: ledger usage, sizes, expiry, record, owned set ('' slot unused when ARGV[9] is '0').
    // ARGV: 1 now (ms), 2 member, 3 size, 4 count limit, 5 bytes limit, 6 record json, 7 expire at (ms, 0: none),
    // 8 id, 9 add to owned set ('0'/'1'). Returns '' or the quota that refused it.
    private static readonly string PutScript = TenantLedger.Lua + """

        ledger_purge(KEYS[1], KEYS[2], KEYS[3], tonumber(ARGV[1]))
        local refused = ledger_check(KEYS[1], KEYS[2], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5]))
        if refused ~= '' then return refused end
        ledger_put(KEYS[1], KEYS[2], KEYS[3], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[7]))
        if tonumber(ARGV[7]) > 0 then
          redis.call('SET', KEYS[4], ARGV[6], 'PXAT', ARGV[7])
        else
          redis.call('SET', KEYS[4], ARGV[6])
        end
        if ARGV[9] == '1' then redis.call('SADD', KEYS[5], ARGV[8]) end
        return ''
        """;

    // KEYS: ledger usage, sizes, expiry, owned set, then the keys to delete. ARGV: 1 id, 2 remove from owned set, then members.
    private static readonly string RemoveScript = TenantLedger.Lua + """

        for i = 3, #ARGV do ledger_remove(KEYS[1], KEYS[2], KEYS[3], ARGV[i]) end
        if ARGV[2] == '1' then redis.call('SREM', KEYS[4], ARGV[1]) end
        for i = 5, #KEYS do redis.call('DEL', KEYS[i]) end
        return 1
        """;

    /// <summary>A record to store for a tenant: counted as <paramref name="kind"/>, sized by its JSON.</summary>
    public sealed record Put(string Tenant, string Kind, string Id, RedisKey Record, string Json, long CountLimit, long BytesLimit)
    {
        public RedisKey? Owned { get; init; }

        public DateTimeOffset? ExpiresAt { get; init; }
    }

    /// <summary>Stores the record if the tenant's quotas allow it; returns null, or the quota that refused it.</summary>
    public static async Task<string?> PutAsync(IDatabase db, Put put, DateTimeOffset now)
    {
        var ledger = TenantLedger.Keys(put.Tenant);
        RedisKey[] keys = [.. ledger, put.Record, put.Owned ?? put.Record];
        RedisValue[] args =
        [
            now.ToUnixTimeMilliseconds(), TenantLedger.Member(put.Kind, put.Id), System.Text.Encoding.UTF8.GetByteCount(put.Json),
            put.CountLimit, put.BytesLimit, put.Json, put.ExpiresAt?.ToUnixTimeMilliseconds() ?? 0, put.Id, put.Owned is null ? "0" : "1",
        ];
        var refused = (string?)await db.ScriptEvaluateAsync(PutScript, keys, args);
        return string.IsNullOrEmpty(refused) ? null : refused;
    }

    /// <summary>Deletes the keys and takes the members off the tenant's counts, in one script.</summary>
    public static Task RemoveAsync(IDatabase db, string tenant, string id, RedisKey? owned, IEnumerable<string> members, IEnumerable<RedisKey> keys)
    {
        var ledger = TenantLedger.Keys(tenant);
        RedisKey[] allKeys = [.. ledger, owned ?? ledger[0], .. keys];
        RedisValue[] args = [id, owned is null ? "0" : "1", .. members.Select(member => (RedisValue)member)];
        return db.ScriptEvaluateAsync(RemoveScript, allKeys, args);
    }
}
