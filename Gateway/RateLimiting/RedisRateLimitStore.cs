using StackExchange.Redis;

namespace Platform.Gateway.RateLimiting;

/// <summary>
/// Counters shared by every gateway replica. Each operation is one Lua script, so it is atomic in Redis, and
/// time comes from Redis itself, so replicas with skewed clocks still agree.
/// </summary>
public sealed class RedisRateLimitStore(IConnectionMultiplexer redis)
{
    private const string KeyPrefix = "platform:gateway:ratelimit:";

    // A fixed window that opens with the client's first request. A replica reserves up to ARGV[3] requests of
    // it at once; the grant never takes the count past the limit, so the replicas together never admit more.
    private const string ReserveRequestsScript = """
        local limit = tonumber(ARGV[2])
        local count = tonumber(redis.call('GET', KEYS[1]) or '0')
        local grant = math.max(0, math.min(tonumber(ARGV[3]), limit - count))
        if grant > 0 then
          count = redis.call('INCRBY', KEYS[1], grant)
        end
        local ttl = redis.call('PTTL', KEYS[1])
        if ttl < 0 then
          redis.call('PEXPIRE', KEYS[1], ARGV[1])
          ttl = tonumber(ARGV[1])
        end
        return {grant, count, ttl}
        """;

    // Open streams are members of a sorted set scored by lease expiry; expired leases are dropped first.
    private const string AcquireStreamScript = """
        local now = redis.call('TIME')
        local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', nowMs)
        if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then
          return 0
        end
        redis.call('ZADD', KEYS[1], nowMs + tonumber(ARGV[2]), ARGV[3])
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        return 1
        """;

    private const string RenewStreamScript = """
        local now = redis.call('TIME')
        local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
        local renewed = redis.call('ZADD', KEYS[1], 'XX', 'CH', nowMs + tonumber(ARGV[1]), ARGV[2])
        redis.call('PEXPIRE', KEYS[1], ARGV[1])
        return renewed
        """;

    public bool IsConnected => redis.IsConnected;

    /// <summary>Takes up to <paramref name="wanted"/> requests of the client's current window for this replica.</summary>
    public async Task<Reservation> ReserveRequestsAsync(string clientId, int limit, int wanted, TimeSpan window)
    {
        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(
            ReserveRequestsScript, [RequestsKey(clientId)], [(long)window.TotalMilliseconds, limit, wanted]))!;
        return new Reservation((int)result[0], (long)result[1], TimeSpan.FromMilliseconds((long)result[2]));
    }

    public async Task<bool> TryAcquireStreamAsync(string clientId, string leaseId, int limit, TimeSpan lease) =>
        (long)(await redis.GetDatabase().ScriptEvaluateAsync(
            AcquireStreamScript, [StreamsKey(clientId)], [limit, (long)lease.TotalMilliseconds, leaseId])) == 1;

    public Task RenewStreamAsync(string clientId, string leaseId, TimeSpan lease) =>
        redis.GetDatabase().ScriptEvaluateAsync(RenewStreamScript, [StreamsKey(clientId)], [(long)lease.TotalMilliseconds, leaseId]);

    public Task ReleaseStreamAsync(string clientId, string leaseId) =>
        redis.GetDatabase().SortedSetRemoveAsync(StreamsKey(clientId), leaseId);

    // The hash tag keeps one client's keys in one slot on a Redis cluster.
    private static RedisKey RequestsKey(string clientId) => $"{KeyPrefix}{{{clientId}}}:requests";

    private static RedisKey StreamsKey(string clientId) => $"{KeyPrefix}{{{clientId}}}:streams";
}
