using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

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
    // ARGV: new status, new data, retain seconds ('' to keep), event count n, n (type, data) pairs, allowed statuses...
    // The events and the status change land together, and one PUBLISH on the stream's name wakes its listeners.
    private const string TransitionScript = """
        local current = redis.call('HGET', KEYS[1], 'status')
        if not current then return 0 end
        local n = tonumber(ARGV[4])
        local allowed = false
        for i = 5 + 2 * n, #ARGV do if ARGV[i] == current then allowed = true end end
        if not allowed then return 0 end
        redis.call('HSET', KEYS[1], 'status', ARGV[1], 'data', ARGV[2])
        local last = false
        for i = 0, n - 1 do last = redis.call('XADD', KEYS[2], '*', 'type', ARGV[5 + 2 * i], 'data', ARGV[6 + 2 * i]) end
        if ARGV[3] ~= '' then
          redis.call('EXPIRE', KEYS[1], ARGV[3])
          redis.call('EXPIRE', KEYS[2], ARGV[3])
        end
        if last then redis.call('PUBLISH', KEYS[2], last) end
        return 1
        """;

    private const string AppendScript = """
        local id = redis.call('XADD', KEYS[1], '*', 'type', ARGV[1], 'data', ARGV[2])
        redis.call('PUBLISH', KEYS[1], id)
        return id
        """;

    private IDatabase Db => redis.GetDatabase();

    private static RedisKey Key(string id) => $"run:{id}";

    public static RedisKey EventsKey(string id) => $"run:{id}:events";

    public async Task CreateAsync(Run run)
    {
        var transaction = Db.CreateTransaction();
        _ = transaction.HashSetAsync(Key(run.Id), [new("status", RunStatusNames.Of(run.Status)), new("data", AgentJson.Serialize(run))]);
        _ = transaction.StreamAddAsync(EventsKey(run.Id), [new("type", RunEventTypes.Status), new("data", StatusEvent(run))]);
        await transaction.ExecuteAsync();
    }

    /// <summary>Removes a run that never started (its thread was busy).</summary>
    public Task DeleteAsync(string id) => Db.KeyDeleteAsync([Key(id), EventsKey(id)]);

    public async Task<Run?> GetAsync(string id) => AgentJson.Deserialize<Run>(await Db.HashGetAsync(Key(id), "data"));

    public async Task<Run?> FindAsync(string id, string caller)
    {
        var run = await GetAsync(id);
        return run?.Owner == caller ? run : null;
    }

    /// <summary>
    /// Writes <paramref name="next"/> if the run is in one of <paramref name="from"/>, with <paramref name="events"/>
    /// (and a status event unless <paramref name="statusEvent"/> is false) in the same script; false if it was not.
    /// </summary>
    public async Task<bool> TransitionAsync(Run next, IReadOnlyList<RunStatus> from, IReadOnlyList<RunEventDraft> events, bool statusEvent = true)
    {
        var retain = next.IsTerminal ? ((long)options.Value.RetainFor.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
        var written = events.Select(e => (e.Type, Data: AgentJson.Serialize(e.Data))).ToList();
        if (statusEvent)
        {
            written.Add((RunEventTypes.Status, StatusEvent(next)));
        }

        RedisValue[] args =
        [
            RunStatusNames.Of(next.Status), AgentJson.Serialize(next), retain, written.Count,
            .. written.SelectMany(e => new RedisValue[] { e.Type, e.Data }),
            .. from.Select(s => (RedisValue)RunStatusNames.Of(s)),
        ];
        var result = await Db.ScriptEvaluateAsync(TransitionScript, [Key(next.Id), EventsKey(next.Id)], args);
        return (long)result == 1;
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

    private static readonly RedisKey WaitingKey = "runs:waiting";

    /// <summary>Remembers a run paused for approval, by deadline, so an unanswered one still expires.</summary>
    public Task TrackWaitingAsync(Run run) => Db.SortedSetAddAsync(WaitingKey, run.Id, run.DeadlineAt.ToUnixTimeMilliseconds());

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
        RedisKey redisKey = $"idempotency:{caller}:{key}";
        if (await Db.StringSetAsync(redisKey, runId, options.Value.IdempotencyKeyLifetime, When.NotExists))
        {
            return null;
        }

        return await Db.StringGetAsync(redisKey);
    }

    public Task ForgetIdempotencyKeyAsync(string caller, string key) => Db.KeyDeleteAsync($"idempotency:{caller}:{key}");

    public static string StatusEvent(Run run) => AgentJson.Serialize(new { status = RunStatusNames.Of(run.Status), reason = run.Reason, error = run.Error, output = run.Output });
}
