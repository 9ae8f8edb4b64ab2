using Microsoft.Extensions.Options;

namespace Platform.AgentService.Runs;

/// <summary>
/// The work queue, fair across tenants. A queued run waits in its tenant's line (list <c>runs:ready:{tenant}</c>);
/// the ring <c>runs:ready</c> lists the lines that hold runs, each once, in turn order. A worker with a free slot
/// takes work in one script (<see cref="TakeAsync"/>): the next line in the ring gives up its first run, goes to the
/// back of the ring if it holds more, and the run is added to the Redis stream <see cref="RunOptions.QueueStream"/>
/// and delivered to that worker through consumer group <see cref="RunOptions.QueueGroup"/> at once. So tenants with
/// queued runs are served one run each per round, whatever their backlog, and no run ever sits undelivered in the
/// stream except a handed-back one, which is delivered before any line is served.
/// From delivery on nothing changed: an entry stays pending until its worker acknowledges it; a worker heartbeats
/// its entries (XCLAIM to itself, which resets their idle time), so only entries of a worker that stopped go idle
/// long enough to be reclaimed. Nothing queued is ever trimmed: each tenant's backlog is bounded by its
/// <c>active_runs</c> quota instead.
/// </summary>
public sealed class RunQueue(IConnectionMultiplexer redis, IOptions<RunOptions> options)
{
    /// <summary>The lines holding runs, in turn order (values are the lines' keys).</summary>
    public static readonly RedisKey Ring = "runs:ready";

    // KEYS: stream, ring. ARGV: group, consumer. Returns {entry id, fields} or false.
    private const string TakeScript = """
        local function deliver()
          local got = redis.call('XREADGROUP', 'GROUP', ARGV[1], ARGV[2], 'COUNT', 1, 'STREAMS', KEYS[1], '>')
          if got then return got[1][2][1] end
          return false
        end
        local entry = deliver()
        if entry then return entry end
        for _ = 1, 1000 do
          local line = redis.call('LPOP', KEYS[2])
          if not line then return false end
          local run = redis.call('LPOP', line)
          if redis.call('LLEN', line) > 0 then redis.call('RPUSH', KEYS[2], line) end
          if run then
            redis.call('XADD', KEYS[1], '*', 'run_id', run)
            return deliver()
          end
        end
        return false
        """;

    // KEYS: stream, ring. ARGV: group. Runs in every line, plus stream entries not yet delivered.
    private const string WaitingScript = """
        local waiting = 0
        for _, line in ipairs(redis.call('LRANGE', KEYS[2], 0, -1)) do waiting = waiting + redis.call('LLEN', line) end
        for _, group in ipairs(redis.call('XINFO', 'GROUPS', KEYS[1])) do
          for i = 1, #group, 2 do
            if group[i] == 'name' and group[i + 1] ~= ARGV[1] then break end
            if group[i] == 'lag' and type(group[i + 1]) == 'number' then waiting = waiting + group[i + 1] end
          end
        end
        return waiting
        """;

    private string StreamKey => options.Value.QueueStream;
    private string Group => options.Value.QueueGroup;

    private IDatabase Db => redis.GetDatabase();

    /// <summary>The line of a tenant's queued runs.</summary>
    public static RedisKey LineOf(string tenant) => $"runs:ready:{RedisKeyPart.Escape(tenant)}";

    /// <summary>
    /// Lua that puts <paramref name="runId"/> at the back of its tenant's <paramref name="line"/>, and the line at the
    /// back of the <paramref name="ring"/> if it was empty. Used by every script that queues a run.
    /// </summary>
    public static string EnqueueLua(string line, string ring, string runId) =>
        $"if redis.call('RPUSH', {line}, {runId}) == 1 then redis.call('RPUSH', {ring}, {line}) end";

    /// <summary>Lua that puts <paramref name="runId"/> straight in the stream, ahead of every line (a handed-back run).</summary>
    public static string RedeliverLua(string stream, string runId) => $"redis.call('XADD', {stream}, '*', 'run_id', {runId})";

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
        var result = await Db.ScriptEvaluateAsync(TakeScript, [StreamKey, Ring], [Group, consumer]);
        if (result.IsNull || result.Resp2Type != ResultType.Array)
        {
            return null;
        }

        var entry = (RedisResult[])result!;
        var fields = (RedisValue[])entry[1]!;
        for (var i = 0; i + 1 < fields.Length; i += 2)
        {
            if (fields[i] == "run_id")
            {
                return new QueueEntry((string)entry[0]!, (string)fields[i + 1]!, Reclaimed: false);
            }
        }

        return null;
    }

    /// <summary>Takes over entries whose worker has not heartbeated for the visibility timeout.</summary>
    public async Task<IReadOnlyList<QueueEntry>> ReclaimAsync(string consumer, int count)
    {
        var idle = (long)options.Value.VisibilityTimeout.TotalMilliseconds;
        var result = await Db.StreamAutoClaimAsync(StreamKey, Group, consumer, idle, "0-0", count);
        return result.ClaimedEntries.Where(entry => !entry.IsNull)
            .Select(entry => new QueueEntry(entry.Id!, entry["run_id"]!, Reclaimed: true)).ToList();
    }

    public Task HeartbeatAsync(string consumer, string entryId) =>
        Db.StreamClaimIdsOnlyAsync(StreamKey, Group, consumer, 0, [entryId]);

    /// <summary>
    /// Acknowledges the entry and deletes it (<see cref="AcknowledgeLua"/>): the stream then holds only the entries
    /// in flight, with no trimming that could drop one that is not.
    /// </summary>
    public Task AcknowledgeAsync(string entryId) =>
        Db.ScriptEvaluateAsync(AcknowledgeScript, [StreamKey], [Group, entryId]);

    /// <summary>Lua that acknowledges a delivered entry and deletes it, which is safe once it is acknowledged.</summary>
    public static string AcknowledgeLua(string stream, string group, string entryId) =>
        $"if redis.call('XACK', {stream}, {group}, {entryId}) == 1 then redis.call('XDEL', {stream}, {entryId}) end";

    private static readonly string AcknowledgeScript = AcknowledgeLua("KEYS[1]", "ARGV[1]", "ARGV[2]");

    /// <summary>
    /// Entries delivered but not acknowledged (running), runs not yet delivered (waiting in the tenants' lines, plus
    /// handed-back entries), and how long ago the oldest delivered entry was queued (its id is its enqueue time),
    /// which exposes runs stuck in a worker.
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

        var waiting = (long)await Db.ScriptEvaluateAsync(WaitingScript, [StreamKey, Ring], [Group]);
        return new QueueMeasurement(group.PendingMessageCount, waiting, oldestAge < TimeSpan.Zero ? TimeSpan.Zero : oldestAge);
    }

    private static DateTimeOffset? EnqueuedAt(RedisValue entryId) =>
        entryId.HasValue && long.TryParse(((string)entryId!).Split('-')[0], out var milliseconds)
            ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
            : null;
}

public sealed record QueueEntry(string Id, string RunId, bool Reclaimed);

public sealed record QueueMeasurement(long Pending, long Waiting, TimeSpan OldestPendingAge);
