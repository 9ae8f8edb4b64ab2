using Microsoft.Extensions.Options;

namespace Platform.AgentService.Runs;

/// <summary>
/// The work queue, fair across tenants. Workers read stream <see cref="RunOptions.QueueStream"/> through consumer
/// group <see cref="RunOptions.QueueGroup"/> (whose lag, the runs waiting, the cluster's autoscaler watches; pending
/// entries are heartbeated and reclaimed), and which run an entry delivers is decided at delivery, fairly:
/// a queued run waits in its tenant's line (list <c>runs:ready:{tenant}</c>), the ring <c>runs:ready</c> lists the
/// lines holding runs, each once, in turn order, and every queued run adds one entry to the stream. A worker with a
/// free slot takes work in one script (<see cref="TakeAsync"/>): it reads the next entry, and the entry is given to
/// a handed-back run first (list <c>runs:handed-back</c>), else to the first run of the next line in the ring,
/// which goes to the back of the ring if it holds more; hash <c>runs:delivered</c> records which run each
/// delivered entry carries, for the heartbeats, the reclaim and the acknowledgement. So tenants with queued runs are
/// served one run each per round whatever their backlog, the stream's lag stays the number of runs waiting, and an
/// entry is only ever removed once acknowledged: nothing queued is trimmed. Each tenant's backlog is bounded by its
/// <c>active_runs</c> quota instead.
/// An entry stays pending until its worker acknowledges it; a worker heartbeats its entries (XCLAIM to itself, which
/// resets their idle time), so only entries of a worker that stopped go idle long enough to be reclaimed.
/// </summary>
public sealed class RunQueue(IConnectionMultiplexer redis, IOptions<RunOptions> options)
{
    /// <summary>The lines holding runs, in turn order (values are the lines' keys).</summary>
    public static readonly RedisKey Ring = "runs:ready";

    /// <summary>Runs handed back by a replica that shut down: delivered before any line, they had their turn already.</summary>
    public static readonly RedisKey HandedBack = "runs:handed-back";

    /// <summary>Entry id -> the run that entry delivers.</summary>
    public static readonly RedisKey Delivered = "runs:delivered";

    // KEYS: stream, ring, handed back, delivered. ARGV: group, consumer. Returns {entry id, run id} or false.
    private const string TakeScript = """
        local got = redis.call('XREADGROUP', 'GROUP', ARGV[1], ARGV[2], 'COUNT', 1, 'STREAMS', KEYS[1], '>')
        if not got then return false end
        local entry = got[1][2][1]
        local run = redis.call('LPOP', KEYS[3])
        for _ = 1, 1000 do
          if run then break end
          local line = redis.call('LPOP', KEYS[2])
          if not line then break end
          run = redis.call('LPOP', line)
          if redis.call('LLEN', line) > 0 then redis.call('RPUSH', KEYS[2], line) end
        end
        if not run then
          -- An entry queued before runs waited in lines names its run itself.
          for i = 1, #entry[2], 2 do if entry[2][i] == 'run_id' then run = entry[2][i + 1] end end
        end
        if not run then
          redis.call('XACK', KEYS[1], ARGV[1], entry[1])
          redis.call('XDEL', KEYS[1], entry[1])
          return false
        end
        redis.call('HSET', KEYS[4], entry[1], run)
        return {entry[1], run}
        """;

    private string StreamKey => options.Value.QueueStream;
    private string Group => options.Value.QueueGroup;

    private IDatabase Db => redis.GetDatabase();

    /// <summary>The line of a tenant's queued runs.</summary>
    public static RedisKey LineOf(string tenant) => $"runs:ready:{RedisKeyPart.Escape(tenant)}";

    /// <summary>
    /// Lua that puts <paramref name="runId"/> at the back of its tenant's <paramref name="line"/> (and the line at the
    /// back of the <paramref name="ring"/> if it was empty), and adds its entry to the <paramref name="stream"/>.
    /// Used by every script that queues a run.
    /// </summary>
    public static string EnqueueLua(string line, string ring, string stream, string runId) => $"""
        if redis.call('RPUSH', {line}, {runId}) == 1 then redis.call('RPUSH', {ring}, {line}) end
        redis.call('XADD', {stream}, '*', 'queued_run', {runId})
        """;

    /// <summary>Lua that queues <paramref name="runId"/> ahead of every line (a handed-back run), with its entry.</summary>
    public static string RedeliverLua(string handedBack, string stream, string runId) => $"""
        redis.call('RPUSH', {handedBack}, {runId})
        redis.call('XADD', {stream}, '*', 'queued_run', {runId})
        """;

    /// <summary>
    /// Lua that acknowledges a delivered entry, deletes it (safe once acknowledged, and what keeps the stream to the
    /// entries in flight without any trimming) and forgets which run it delivered.
    /// </summary>
    public static string AcknowledgeLua(string stream, string delivered, string group, string entryId) => $"""
        redis.call('XACK', {stream}, {group}, {entryId})
        redis.call('XDEL', {stream}, {entryId})
        redis.call('HDEL', {delivered}, {entryId})
        """;

    private static readonly string AcknowledgeScript = AcknowledgeLua("KEYS[1]", "KEYS[2]", "ARGV[1]", "ARGV[2]");

    public async Task EnsureGroupAsync()
    {
        try
        {
            await Db.StreamCreateConsumerGroupAsync(StreamKey, Group, "0", createStream: true);
        }
        catch (RedisServerException exception) when (exception.Message.Contains("BUSYGROUP", StringComparison.Ordinal))
        {
            // Another replica created it first.
        }
    }

    /// <summary>The next run for this worker: a handed-back one first, else the first run of the next tenant's line.</summary>
    public async Task<QueueEntry?> TakeAsync(string consumer)
    {
        var result = await Db.ScriptEvaluateAsync(TakeScript, [StreamKey, Ring, HandedBack, Delivered], [Group, consumer]);
        if (result.IsNull || result.Resp2Type != ResultType.Array)
        {
            return null;
        }

        var entry = (RedisResult[])result!;
        return new QueueEntry((string)entry[0]!, (string)entry[1]!, Reclaimed: false);
    }

    /// <summary>Takes over entries whose worker has not heartbeated for the visibility timeout.</summary>
    public async Task<IReadOnlyList<QueueEntry>> ReclaimAsync(string consumer, int count)
    {
        var idle = (long)options.Value.VisibilityTimeout.TotalMilliseconds;
        var result = await Db.StreamAutoClaimAsync(StreamKey, Group, consumer, idle, "0-0", count);
        var claimed = result.ClaimedEntries.Where(entry => !entry.IsNull).ToList();
        if (claimed.Count == 0)
        {
            return [];
        }

        var runs = await Db.HashGetAsync(Delivered, [.. claimed.Select(entry => entry.Id)]);
        return claimed.Select((entry, i) => (Entry: entry, Run: runs[i].HasValue ? runs[i] : entry["run_id"]))
            .Where(claim => claim.Run.HasValue)
            .Select(claim => new QueueEntry(claim.Entry.Id!, claim.Run!, Reclaimed: true)).ToList();
    }

    public Task HeartbeatAsync(string consumer, string entryId) =>
        Db.StreamClaimIdsOnlyAsync(StreamKey, Group, consumer, 0, [entryId]);

    /// <summary>Acknowledges the entry (<see cref="AcknowledgeLua"/>).</summary>
    public Task AcknowledgeAsync(string entryId) =>
        Db.ScriptEvaluateAsync(AcknowledgeScript, [StreamKey, Delivered], [Group, entryId]);

    /// <summary>
    /// Entries delivered but not acknowledged (running), entries not yet delivered (waiting: one per queued run), and
    /// how long ago the oldest delivered entry was queued (its id is its enqueue time), which exposes runs stuck in a
    /// worker.
    /// </summary>
    public async Task<QueueMeasurement> MeasureAsync()
    {
        var groups = await Db.StreamGroupInfoAsync(StreamKey);
        var group = groups.FirstOrDefault(g => g.Name == Group);
        var oldestAge = TimeSpan.Zero;
        if (group.PendingMessageCount > 0)
        {
            var pending = await Db.StreamPendingAsync(StreamKey, Group);
            if (EnqueuedAt(pending.LowestPendingMessageId) is { } enqueued)
            {
                oldestAge = DateTimeOffset.UtcNow - enqueued;
            }
        }

        return new QueueMeasurement(group.PendingMessageCount, group.Lag ?? 0, oldestAge < TimeSpan.Zero ? TimeSpan.Zero : oldestAge);
    }

    private static DateTimeOffset? EnqueuedAt(RedisValue entryId) =>
        entryId.HasValue && long.TryParse(((string)entryId!).Split('-')[0], out var milliseconds)
            ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
            : null;
}

public sealed record QueueEntry(string Id, string RunId, bool Reclaimed);

public sealed record QueueMeasurement(long Pending, long Waiting, TimeSpan OldestPendingAge);
