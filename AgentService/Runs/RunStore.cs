using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Platform.AgentService.Quotas;
using Platform.AgentService.Threads;

namespace Platform.AgentService.Runs;

/// <summary>
/// Runs in Redis: hash <c>run:{id}</c> with the record (<c>data</c>), its <c>status</c>, the conversation
/// <c>checkpoint</c> a reclaiming worker resumes from, and a <c>cancel</c> flag; events in stream
/// <c>run:{id}:events</c>. Every status change is a compare-and-set that writes its event in the same script,
/// so a reader never sees a status without the event that announced it. Every event write also publishes the new
/// entry id on the channel named like the stream, which is what wakes listeners (<see cref="RunEventNotifications"/>).
/// </summary>
public sealed class RunStore(IConnectionMultiplexer redis, IOptions<RunOptions> options)
{
    // KEYS: 1 run, 2 events, 3 thread messages, 4-8 thread turn and queue (active, waiting, tenant's line, ring, queue
    // stream), 9 runs waiting for approval, 10 thread record, 11-13 tenant ledger (usage, sizes, expiry), 14 tenant's
    // active runs, 15 handed-back runs, 16 delivered entries.
    // ARGV: 1 new status, 2 new data, 3 retain seconds ('' to keep: set only when the run ends), 4 write history
    // ('0'/'1'), 5 history, 6 release turn ('0'/'1'), 7 run id, 8 thread expires at (ms), 9 queue ('line', 'stream'
    // or ''), 10 approval index ('track', 'untrack' or ''), 11 deadline (ms), 12 queue entry to acknowledge ('' for
    // none), 13 queue group, 14 thread id, 15 event count n, then n (type, data) pairs, then the allowed statuses.
    // Everything a transition changes in Redis changes together; one PUBLISH on the stream's name wakes listeners.
    private static readonly string TransitionScript = TenantLedger.Lua + """

        local current = redis.call('HGET', KEYS[1], 'status')
        if not current then return {0, ''} end
        local n = tonumber(ARGV[15])
        local allowed = false
        for i = 16 + 2 * n, #ARGV do if ARGV[i] == current then allowed = true end end
        if not allowed then return {0, ''} end
        redis.call('HSET', KEYS[1], 'status', ARGV[1], 'data', ARGV[2])
        local last = false
        for i = 0, n - 1 do last = redis.call('XADD', KEYS[2], '*', 'type', ARGV[16 + 2 * i], 'data', ARGV[17 + 2 * i]) end
        if ARGV[4] == '1' and redis.call('EXISTS', KEYS[10]) == 1 then
          local expire_at = tonumber(ARGV[8])
          redis.call('SET', KEYS[3], ARGV[5], 'PXAT', expire_at)
          redis.call('PEXPIREAT', KEYS[10], expire_at)
          ledger_put(KEYS[11], KEYS[12], KEYS[13], 'history:' .. ARGV[14], #ARGV[5], expire_at)
          ledger_touch(KEYS[12], KEYS[13], 'threads:' .. ARGV[14], expire_at)
        end
        local handed = ''
        if ARGV[6] == '1' then
        """ + "\n" + ThreadTurns.HandOverLua("KEYS[4]", "KEYS[5]", "KEYS[6]", "KEYS[7]", "KEYS[8]", "ARGV[7]") + "\n" + """
        end
        if ARGV[9] == 'line' then
        """ + "\n" + RunQueue.EnqueueLua("KEYS[6]", "KEYS[7]", "KEYS[8]", "ARGV[7]") + "\n" + """
        elseif ARGV[9] == 'stream' then
        """ + "\n" + RunQueue.RedeliverLua("KEYS[15]", "KEYS[8]", "ARGV[7]") + "\n" + """
        end
        if ARGV[12] ~= '' then
        """ + "\n" + RunQueue.AcknowledgeLua("KEYS[8]", "KEYS[16]", "ARGV[13]", "ARGV[12]") + "\n" + """
        end
        if ARGV[10] == 'track' then redis.call('ZADD', KEYS[9], ARGV[11], ARGV[7]) end
        if ARGV[10] == 'untrack' then redis.call('ZREM', KEYS[9], ARGV[7]) end
        if ARGV[3] ~= '' then
          redis.call('EXPIRE', KEYS[1], ARGV[3])
          redis.call('EXPIRE', KEYS[2], ARGV[3])
          redis.call('SREM', KEYS[14], ARGV[7])
        end
        if last then redis.call('PUBLISH', KEYS[2], last) end
        return {1, handed}
        """;

    private const string CreateScript = """
        redis.call('HSET', KEYS[1], 'status', ARGV[1], 'data', ARGV[2])
        redis.call('XADD', KEYS[2], '*', 'type', ARGV[3], 'data', ARGV[4])
        return 1
        """;

    private const string AppendScript = """
        local id = redis.call('XADD', KEYS[1], '*', 'type', ARGV[1], 'data', ARGV[2])
        redis.call('PUBLISH', KEYS[1], id)
        return id
        """;

    /// <summary>Runs paused for approval, by deadline, so an unanswered one still expires.</summary>
    private static readonly RedisKey WaitingKey = "runs:waiting";

    private IDatabase Db => redis.GetDatabase();

    private static RedisKey Key(string id) => $"run:{id}";

    public static RedisKey EventsKey(string id) => $"run:{id}:events";

    /// <summary>Stores a new run with its first status event (a script rather than MULTI, so a full Redis refuses it with its OOM error).</summary>
    public Task CreateAsync(Run run) =>
        Db.ScriptEvaluateAsync(CreateScript, [Key(run.Id), EventsKey(run.Id)],
            [RunStatusNames.Of(run.Status), AgentJson.Serialize(run), RunEventTypes.Status, StatusEvent(run)]);

    /// <summary>Removes a run that never started (its thread was busy).</summary>
    public Task DeleteAsync(string id) => Db.KeyDeleteAsync([Key(id), EventsKey(id)]);

    public async Task<Run?> GetAsync(string id) => AgentJson.Deserialize<Run>(await Db.HashGetAsync(Key(id), "data"));

    public async Task<Run?> FindAsync(string id, string caller)
    {
        var run = await GetAsync(id);
        return run?.Owner == caller ? run : null;
    }

    /// <summary>
    /// Writes the transition's record if the run is in one of its <c>From</c> statuses, in one script with all it
    /// changes: its events (and a status event unless it is progress only), the thread's new history if given, the
    /// hand-over of the thread's turn to the next waiting run, the work queue (a new entry, and the acknowledgement of
    /// the one a handed-back run held) and the approval index.
    /// </summary>
    public async Task<TransitionResult> TransitionAsync(RunTransition transition, string? history, TransitionRetention retention)
    {
        var next = transition.Next;
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        var retain = next.IsTerminal ? ((long)retention.RunTtl.TotalSeconds).ToString(invariant) : "";
        var written = transition.Events.Select(e => (e.Type, Data: AgentJson.Serialize(e.Data))).ToList();
        if (transition.WritesStatusEvent)
        {
            written.Add((RunEventTypes.Status, StatusEvent(next)));
        }

        RedisValue[] args =
        [
            RunStatusNames.Of(next.Status), AgentJson.Serialize(next), retain,
            history is null ? "0" : "1", history ?? "", transition.ReleasesThread ? "1" : "0", next.Id, retention.ThreadExpiresAt.ToUnixTimeMilliseconds(),
            transition.Enqueues ? "line" : transition.Redelivers ? "stream" : "", transition.TracksWaiting ? "track" : transition.UntracksWaiting ? "untrack" : "",
            next.DeadlineAt.ToUnixTimeMilliseconds(), transition.Acknowledges ?? "", options.Value.QueueGroup, next.ThreadId,
            written.Count, .. written.SelectMany(e => new RedisValue[] { e.Type, e.Data }),
            .. transition.From.Select(s => (RedisValue)RunStatusNames.Of(s)),
        ];
        RedisKey[] keys =
        [
            Key(next.Id), EventsKey(next.Id), ThreadStore.MessagesKey(next.ThreadId), .. ThreadTurns.Keys(next.ThreadId, next.Owner, options.Value.QueueStream),
            WaitingKey, ThreadStore.Key(next.ThreadId), .. TenantLedger.Keys(next.Owner), TenantLedger.ActiveRuns(next.Owner),
            RunQueue.HandedBack, RunQueue.Delivered,
        ];
        var result = (RedisResult[])(await Db.ScriptEvaluateAsync(TransitionScript, keys, args))!;
        var handedTo = (string?)result[1];
        return new TransitionResult((long)result[0] == 1, string.IsNullOrEmpty(handedTo) ? null : handedTo);
    }

    /// <summary>Appends an event and wakes the run's listeners; returns the event id.</summary>
    public async Task<string> AppendEventAsync(string runId, string type, object data) =>
        (string)(await Db.ScriptEvaluateAsync(AppendScript, [EventsKey(runId)], [type, AgentJson.Serialize(data)]))!;

    public async Task<IReadOnlyList<RunEvent>> ReadEventsAsync(string runId, string after, int count)
    {
        var entries = await Db.StreamReadAsync(EventsKey(runId), after, count);
        return entries.Select(entry => new RunEvent(entry.Id!, entry["type"]!, entry["data"]!)).ToList();
    }

    public async Task<List<ChatMessage>?> GetCheckpointAsync(string runId) =>
        await Db.HashGetAsync(Key(runId), "checkpoint") is { HasValue: true } json ? AgentJson.DeserializeMessages(json) : null;

    public Task SetCheckpointAsync(string runId, IEnumerable<ChatMessage> conversation) =>
        Db.HashSetAsync(Key(runId), "checkpoint", AgentJson.SerializeMessages(conversation));

    public Task UntrackWaitingAsync(string runId) => Db.SortedSetRemoveAsync(WaitingKey, runId);

    public async Task<IReadOnlyList<string>> OverdueWaitingAsync(DateTimeOffset now, int count) =>
        (await Db.SortedSetRangeByScoreAsync(WaitingKey, stop: now.ToUnixTimeMilliseconds(), take: count)).Select(id => (string)id!).ToList();

    public Task PublishAsync(RedisChannel channel, string message) => redis.GetSubscriber().PublishAsync(channel, message);

    public Task RequestCancelAsync(string runId, string reason) => Db.HashSetAsync(Key(runId), "cancel", reason);

    /// <summary>Why the run was asked to stop (<see cref="CancelReasons"/>), or null when it was not.</summary>
    public async Task<string?> CancelReasonAsync(string runId) => await Db.HashGetAsync(Key(runId), "cancel");

    /// <summary>Maps an idempotency key to a run, or returns the run it already maps to.</summary>
    public async Task<string?> ClaimIdempotencyKeyAsync(string caller, string key, string runId)
    {
        var redisKey = IdempotencyKey(caller, key);
        if (await Db.StringSetAsync(redisKey, runId, options.Value.IdempotencyKeyLifetime, When.NotExists))
        {
            return null;
        }

        return await Db.StringGetAsync(redisKey);
    }

    public Task ForgetIdempotencyKeyAsync(string caller, string key) => Db.KeyDeleteAsync(IdempotencyKey(caller, key));

    /// <summary><c>idempotency:{client}:{key}</c> with both parts escaped, so no (client, key) pair can take another's key.</summary>
    public static RedisKey IdempotencyKey(string caller, string key) => $"idempotency:{RedisKeyPart.Escape(caller)}:{RedisKeyPart.Escape(key)}";

    public static string StatusEvent(Run run) => AgentJson.Serialize(new { status = RunStatusNames.Of(run.Status), reason = run.Reason, error = run.Error, output = run.Output });
}

/// <summary>How long what a transition writes is kept: an ended run, and the thread whose history it writes.</summary>
public sealed record TransitionRetention(TimeSpan RunTtl, DateTimeOffset ThreadExpiresAt);

/// <summary>Whether a transition was made, and the run the thread's turn went to with it.</summary>
public sealed record TransitionResult(bool Made, string? HandedTo);
