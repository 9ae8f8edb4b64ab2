using Platform.AgentService.Quotas;
using Platform.ServiceDefaults.Tenancy;

namespace Platform.AgentService.Knowledge;

/// <summary>
/// The chunk cap of a collection and the tenant's document and byte quotas, enforced atomically with the write:
/// an upload reserves its chunks (and its place in the tenant's ledger) before it spends anything on embeddings, so
/// parallel uploads cannot pass the cap together; it then commits, or releases the reservation when embedding
/// fails. A reservation whose upload died lapses after <see cref="KnowledgeOptions.ReservationTimeout"/>.
/// </summary>
public static class DocumentReservations
{
    /// <summary>The bytes a chunk's vector is expected to take before it is known: 384 float32 (all-minilm-l6-v2).</summary>
    public const int EstimatedVectorBytes = 384 * sizeof(float);

    // KEYS: ledger usage, sizes, expiry, collection, chunks, pending. ARGV: 1 now, 2 member, 3 size, 4 documents
    // limit, 5 bytes limit, 6 max chunks, 7 chunks, 8 lapses at, 9 pending member.
    public static readonly string ReserveScript = TenantLedger.Lua + """

        local now = tonumber(ARGV[1])
        ledger_purge(KEYS[1], KEYS[2], KEYS[3], now)
        if redis.call('EXISTS', KEYS[4]) == 0 then return 'gone' end
        redis.call('ZREMRANGEBYSCORE', KEYS[6], '-inf', now)
        local reserved = 0
        for _, pending in ipairs(redis.call('ZRANGE', KEYS[6], 0, -1)) do
          reserved = reserved + tonumber(string.match(pending, '|(%d+)$'))
        end
        if redis.call('HLEN', KEYS[5]) + reserved + tonumber(ARGV[7]) > tonumber(ARGV[6]) then return 'chunks' end
        local refused = ledger_check(KEYS[1], KEYS[2], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5]))
        if refused ~= '' then return refused end
        ledger_put(KEYS[1], KEYS[2], KEYS[3], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[8]))
        redis.call('ZADD', KEYS[6], ARGV[8], ARGV[9])
        return ''
        """;

    // KEYS: ledger usage, sizes, expiry, collection, chunks, vectors, version, pending. ARGV: 1 member, 2 size,
    // 3 pending member, 4 document id, 5 vectors, then chunk id / chunk pairs. Returns 0 when the reservation lapsed
    // or the collection was deleted meanwhile (nothing is written).
    public static readonly string CommitScript = TenantLedger.Lua + """

        if redis.call('ZREM', KEYS[8], ARGV[3]) == 0 or redis.call('EXISTS', KEYS[4]) == 0 then
          ledger_remove(KEYS[1], KEYS[2], KEYS[3], ARGV[1])
          return 0
        end
        ledger_put(KEYS[1], KEYS[2], KEYS[3], ARGV[1], tonumber(ARGV[2]), 0)
        for i = 6, #ARGV, 2 do redis.call('HSET', KEYS[5], ARGV[i], ARGV[i + 1]) end
        redis.call('HSET', KEYS[6], ARGV[4], ARGV[5])
        redis.call('INCR', KEYS[7])
        return 1
        """;

    // KEYS: ledger usage, sizes, expiry, pending. ARGV: member, pending member.
    public static readonly string ReleaseScript = TenantLedger.Lua + """

        redis.call('ZREM', KEYS[4], ARGV[2])
        ledger_remove(KEYS[1], KEYS[2], KEYS[3], ARGV[1])
        return 1
        """;

    // KEYS: ledger usage, sizes, expiry, collection, chunks, vectors, version, pending, owned. ARGV: collection id.
    // Every document and reservation of the collection leaves the tenant's counts with it.
    public static readonly string DeleteCollectionScript = TenantLedger.Lua + """

        for _, document in ipairs(redis.call('HKEYS', KEYS[6])) do
          ledger_remove(KEYS[1], KEYS[2], KEYS[3], 'documents:' .. document)
        end
        for _, pending in ipairs(redis.call('ZRANGE', KEYS[8], 0, -1)) do
          ledger_remove(KEYS[1], KEYS[2], KEYS[3], 'documents:' .. string.match(pending, '^[^|]+'))
        end
        ledger_remove(KEYS[1], KEYS[2], KEYS[3], 'collections:' .. ARGV[1])
        redis.call('DEL', KEYS[4], KEYS[5], KEYS[6], KEYS[8])
        redis.call('INCR', KEYS[7])
        redis.call('SREM', KEYS[9], ARGV[1])
        return 1
        """;

    public static string Member(string documentId) => TenantLedger.Member(TenantQuota.Documents, documentId);

    public static string PendingMember(string documentId, int chunks) => $"{documentId}|{chunks}";
}
