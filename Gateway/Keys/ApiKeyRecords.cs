using System.Globalization;
using StackExchange.Redis;

namespace Platform.Gateway.Keys;

/// <summary>
/// Where issued keys are kept, in Redis. A record is a hash under its key's SHA-256, so authenticating a request costs
/// one read; an id points at the current hash, and indexes list the ids in all and per tenant. All keys share the
/// hash tag <c>{keys}</c>, one Redis Cluster slot, so each change is one transaction. This type only stores:
/// <see cref="ApiKeyLifecycle"/> decides what may change.
/// </summary>
public sealed class ApiKeyRecords(IConnectionMultiplexer redis)
{
    private const string Prefix = "platform:gateway:{keys}:";
    private static readonly RedisKey Ids = Prefix + "ids";

    private IDatabase Database => redis.GetDatabase();

    public async Task<ApiKeyRecord?> FindBySha256Async(string sha256) =>
        Read(await Database.HashGetAllAsync(BySha256(sha256)));

    public async Task<ApiKeyRecord?> FindAsync(string id) =>
        await Database.StringGetAsync(ById(id)) is { HasValue: true } sha256 ? await FindBySha256Async(sha256!) : null;

    /// <summary>
    /// Up to <paramref name="limit"/> keys, oldest first, after the key <paramref name="after"/> (a cursor), of every
    /// tenant or of one; with whether more follow.
    /// </summary>
    public async Task<(IReadOnlyList<ApiKeyRecord> Keys, bool HasMore)> ListAsync(string? tenant, string? after, int limit)
    {
        List<ApiKeyRecord> page;
        if (tenant is null)
        {
            // The index is ordered by creation: the page starts right after the cursor's rank.
            var start = after is null ? 0 : await Database.SortedSetRankAsync(Ids, after) is { } rank ? rank + 1 : long.MaxValue;
            var ids = start == long.MaxValue ? [] : await Database.SortedSetRangeByRankAsync(Ids, start, start + limit);
            page = [.. (await Task.WhenAll(ids.Select(id => FindAsync(id!)))).OfType<ApiKeyRecord>()];
        }
        else
        {
            // A tenant holds at most KeyManagement:MaxKeysPerTenant keys: read them all, then page in memory.
            var ids = await Database.SetMembersAsync(OfTenant(tenant));
            var all = (await Task.WhenAll(ids.Select(id => FindAsync(id!)))).OfType<ApiKeyRecord>()
                .OrderBy(record => record.CreatedAt).ThenBy(record => record.Id, StringComparer.Ordinal).ToList();
            var skip = after is null ? 0 : all.FindIndex(record => record.Id == after) is var index and >= 0 ? index + 1 : all.Count;
            page = [.. all.Skip(skip).Take(limit + 1)];
        }

        return (page.Take(limit).ToList(), page.Count > limit);
    }

    public Task<long> CountAsync() => Database.SortedSetLengthAsync(Ids);

    public Task<long> CountAsync(string tenant) => Database.SetLengthAsync(OfTenant(tenant));

    /// <summary>Stores a new key; false if its id is taken.</summary>
    public Task<bool> AddAsync(ApiKeyRecord record)
    {
        var transaction = Database.CreateTransaction();
        transaction.AddCondition(Condition.KeyNotExists(ById(record.Id)));
        _ = transaction.HashSetAsync(BySha256(record.Sha256), Write(record));
        _ = transaction.StringSetAsync(ById(record.Id), record.Sha256);
        _ = transaction.SortedSetAddAsync(Ids, record.Id, Microseconds(record.CreatedAt));
        _ = transaction.SetAddAsync(OfTenant(record.Tenant), record.Id);
        return transaction.ExecuteAsync();
    }

    /// <summary>
    /// Writes <paramref name="updated"/> in place of <paramref name="current"/> (same id), moving it to its new hash
    /// when the secret changed. False when the key changed in between (the caller reads it again and decides again).
    /// </summary>
    public Task<bool> ReplaceAsync(ApiKeyRecord current, ApiKeyRecord updated)
    {
        var transaction = Database.CreateTransaction();
        transaction.AddCondition(Condition.StringEqual(ById(current.Id), current.Sha256));
        if (updated.Sha256 != current.Sha256)
        {
            _ = transaction.KeyDeleteAsync(BySha256(current.Sha256));
            _ = transaction.StringSetAsync(ById(updated.Id), updated.Sha256);
        }

        _ = transaction.HashSetAsync(BySha256(updated.Sha256), Write(updated));
        return transaction.ExecuteAsync();
    }

    /// <summary>Removes the key and its index entries; false when it changed in between.</summary>
    public Task<bool> RemoveAsync(ApiKeyRecord record)
    {
        var transaction = Database.CreateTransaction();
        transaction.AddCondition(Condition.StringEqual(ById(record.Id), record.Sha256));
        _ = transaction.KeyDeleteAsync([BySha256(record.Sha256), ById(record.Id)]);
        _ = transaction.SortedSetRemoveAsync(Ids, record.Id);
        _ = transaction.SetRemoveAsync(OfTenant(record.Tenant), record.Id);
        return transaction.ExecuteAsync();
    }

    private static RedisKey BySha256(string sha256) => $"{Prefix}sha256:{sha256}";

    private static RedisKey ById(string id) => $"{Prefix}id:{id}";

    private static RedisKey OfTenant(string tenant) => $"{Prefix}tenant:{tenant}";

    private static HashEntry[] Write(ApiKeyRecord record) =>
    [
        new("id", record.Id),
        new("tenant", record.Tenant),
        new("scopes", string.Join(' ', record.Scopes)),
        new("sha256", record.Sha256),
        new("hint", record.Hint),
        new("name", record.Name ?? ""),
        new("created_us", Microseconds(record.CreatedAt)),
        new("expires", Milliseconds(record.ExpiresAt)),
        new("revoked", Milliseconds(record.RevokedAt)),
        new("rotated", Milliseconds(record.RotatedAt)),
    ];

    private static ApiKeyRecord? Read(HashEntry[] entries)
    {
        if (entries.Length == 0)
        {
            return null;
        }

        var fields = entries.ToDictionary(entry => entry.Name.ToString(), entry => entry.Value.ToString(), StringComparer.Ordinal);
        string Field(string name) => fields.TryGetValue(name, out var value) ? value : "";
        return new ApiKeyRecord(
            Field("id"),
            Field("tenant"),
            Field("scopes").Split(' ', StringSplitOptions.RemoveEmptyEntries),
            Field("sha256"),
            Field("hint"),
            Field("name") is { Length: > 0 } name ? name : null,
            long.TryParse(Field("created_us"), NumberStyles.None, CultureInfo.InvariantCulture, out var created)
                ? DateTimeOffset.UnixEpoch.AddTicks(created * TimeSpan.TicksPerMicrosecond)
                : DateTimeOffset.UnixEpoch,
            Time(Field("expires")),
            Time(Field("revoked")),
            Time(Field("rotated")));
    }

    // Creation is kept to the microsecond: it orders listings, and two keys can be issued within one millisecond.
    private static long Microseconds(DateTimeOffset time) => (time - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;

    private static string Milliseconds(DateTimeOffset? time) =>
        time?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) ?? "";

    private static DateTimeOffset? Time(string milliseconds) =>
        long.TryParse(milliseconds, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? DateTimeOffset.FromUnixTimeMilliseconds(value)
            : null;
}
