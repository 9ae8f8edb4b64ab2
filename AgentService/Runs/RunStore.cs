using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Platform.AgentService.Runs;

/// <summary>
/// Runs in Redis: hash <c>run:{id}</c> with the record (<c>data</c>), its <c>status</c>, the conversation
/// <c>checkpoint</c> a reclaiming worker resumes from, and a <c>cancel</c> flag; events in stream
/// <c>run:{id}:events</c>. Every status change is a compare-and-set that writes its event in the same script,
/// so a reader never sees a status without the event that announced it.
/// </summary>
public sealed class RunStore(IConnectionMultiplexer redis, IOptions<RunOptions> options)
{
    // ARGV: new status, new data, event type ('' for none), event data, retain seconds ('' to keep), allowed statuses...
    private const string TransitionScript = """
        local current = redis.call('HGET', KEYS[1], 'status')
        if not current then return 0 end
        local allowed = false
        for i = 6, #ARGV do if ARGV[i] == current then allowed = true end end
        if not allowed then return 0 end
        redis.call('HSET', KEYS[1], 'status', ARGV[1], 'data', ARGV[2])
        if ARGV[3] ~= '' then redis.call('XADD', KEYS[2], '*', 'type', ARGV[3], 'data', ARGV[4]) end
        if ARGV[5] ~= '' then
          redis.call('EXPIRE', KEYS[1], ARGV[5])
          redis.call('EXPIRE', KEYS[2], ARGV[5])
        end
        return 1
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

    /// <summary>Moves the run to <paramref name="next"/>'s status if it is in one of <paramref name="from"/>, writing a status event.</summary>
    public Task<bool> TransitionAsync(Run next, params RunStatus[] from) =>
        ExecuteAsync(next, RunEventTypes.Status, StatusEvent(next), from);

    /// <summary>Saves progress (steps, attempts) only while the run is still in <paramref name="status"/>.</summary>
    public Task<bool> UpdateAsync(Run next, RunStatus status) => ExecuteAsync(next, "", "", [status]);

    private async Task<bool> ExecuteAsync(Run next, string eventType, string eventData, RunStatus[] from)
    {
        var retain = next.IsTerminal ? ((long)options.Value.RetainFor.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
        RedisValue[] args = [RunStatusNames.Of(next.Status), AgentJson.Serialize(next), eventType, eventData, retain, .. from.Select(s => (RedisValue)RunStatusNames.Of(s))];
        var result = await Db.ScriptEvaluateAsync(TransitionScript, [Key(next.Id), EventsKey(next.Id)], args);
        return (long)result == 1;
    }

    public Task AppendEventAsync(string runId, string type, object data) =>
        Db.StreamAddAsync(EventsKey(runId), [new("type", type), new("data", AgentJson.Serialize(data))]);

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

    public Task RequestCancelAsync(string runId) => Db.HashSetAsync(Key(runId), "cancel", 1);

    public async Task<bool> IsCancelRequestedAsync(string runId) => await Db.HashExistsAsync(Key(runId), "cancel");

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
