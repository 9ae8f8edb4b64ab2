namespace Platform.AgentService.Quotas;

/// <summary>
/// What each tenant stores, counted in Redis by the same scripts that write it, so a count can never drift from
/// what is stored and two parallel writes cannot both squeeze under a quota. Per tenant:
/// <c>tenant:{id}:usage</c> (hash: a count per kind, <c>agents</c>, <c>threads</c>, <c>collections</c>,
/// <c>documents</c>, and <c>stored_bytes</c>), <c>tenant:{id}:sizes</c> (hash: object <c>{kind}:{id}</c> -> its
/// bytes) and <c>tenant:{id}:expiry</c> (sorted set: objects with a TTL, by expiry time in ms). Redis expires a
/// thread's keys by itself; the next script of that tenant takes the expired objects off the counts (at most 100
/// per call), using the same expiry time the keys were given, so an expired thread stops counting.
/// </summary>
public static class TenantLedger
{
    /// <summary>The ledger keys of a tenant: usage, sizes, expiry.</summary>
    public static RedisKey[] Keys(string tenant)
    {
        var prefix = $"tenant:{{{RedisKeyPart.Escape(tenant)}}}";
        return [$"{prefix}:usage", $"{prefix}:sizes", $"{prefix}:expiry"];
    }

    /// <summary>Runs of the tenant that are queued, running or waiting for approval (a set of run ids).</summary>
    public static RedisKey ActiveRuns(string tenant) => $"tenant:{{{RedisKeyPart.Escape(tenant)}}}:runs";

    public static string Member(string kind, string id) => $"{kind}:{id}";

    /// <summary>
    /// Lua functions for the scripts that write a tenant's objects. Each takes the ledger keys (usage, sizes,
    /// expiry) first. <c>ledger_check</c> returns '' when putting the member at that size fits the count limit
    /// (a negative limit: not checked) and the byte limit, else the name of the quota it would exceed.
    /// </summary>
    public const string Lua = """
        local function ledger_kind(member) return string.match(member, '^[^:]+') end
        local function ledger_purge(usage, sizes, expiry, now)
          for _, member in ipairs(redis.call('ZRANGEBYSCORE', expiry, '-inf', now, 'LIMIT', 0, 100)) do
            local size = redis.call('HGET', sizes, member)
            if size then
              redis.call('HINCRBY', usage, ledger_kind(member), -1)
              redis.call('HINCRBY', usage, 'stored_bytes', -tonumber(size))
              redis.call('HDEL', sizes, member)
            end
            redis.call('ZREM', expiry, member)
          end
        end
        local function ledger_check(usage, sizes, member, size, count_limit, bytes_limit)
          local old = redis.call('HGET', sizes, member)
          if not old and count_limit >= 0 then
            local kind = ledger_kind(member)
            if tonumber(redis.call('HGET', usage, kind) or '0') + 1 > count_limit then return kind end
          end
          local delta = size - tonumber(old or '0')
          if delta > 0 and bytes_limit >= 0 and tonumber(redis.call('HGET', usage, 'stored_bytes') or '0') + delta > bytes_limit then
            return 'stored_bytes'
          end
          return ''
        end
        local function ledger_put(usage, sizes, expiry, member, size, expire_at)
          local old = redis.call('HGET', sizes, member)
          if not old then redis.call('HINCRBY', usage, ledger_kind(member), 1) end
          redis.call('HINCRBY', usage, 'stored_bytes', size - tonumber(old or '0'))
          redis.call('HSET', sizes, member, size)
          if expire_at > 0 then redis.call('ZADD', expiry, expire_at, member) else redis.call('ZREM', expiry, member) end
        end
        local function ledger_touch(sizes, expiry, member, expire_at)
          if redis.call('HEXISTS', sizes, member) == 1 then redis.call('ZADD', expiry, expire_at, member) end
        end
        local function ledger_remove(usage, sizes, expiry, member)
          local old = redis.call('HGET', sizes, member)
          if old then
            redis.call('HINCRBY', usage, ledger_kind(member), -1)
            redis.call('HINCRBY', usage, 'stored_bytes', -tonumber(old))
            redis.call('HDEL', sizes, member)
          end
          redis.call('ZREM', expiry, member)
        end
        """;

    /// <summary>Current usage of a tenant (for tests and the quota answer): kind -> count, and <c>stored_bytes</c>.</summary>
    public static async Task<IReadOnlyDictionary<string, long>> UsageAsync(IDatabase db, string tenant) =>
        (await db.HashGetAllAsync(Keys(tenant)[0])).ToDictionary(entry => (string)entry.Name!, entry => (long)entry.Value);
}
