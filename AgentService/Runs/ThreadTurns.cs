using Microsoft.Extensions.Options;
using Platform.AgentService.Quotas;

namespace Platform.AgentService.Runs;

/// <summary>
/// Whose turn it is on each thread: <c>thread:{id}:active</c> names the one run that may execute, and list
/// <c>thread:{id}:waiting</c> the runs waiting behind it. Taking the turn and handing it on are single scripts that
/// also put the run in its tenant's line of the work queue (<see cref="RunQueue"/>), so a run is never left holding
/// a turn without being queued. Entering a thread also counts the run against its tenant's <c>active_runs</c> quota
/// (set <see cref="TenantLedger.ActiveRuns"/>; the transition that ends a run takes it out).
/// </summary>
public sealed class ThreadTurns(IConnectionMultiplexer redis, IOptions<RunOptions> options)
{
    // KEYS: active, waiting, tenant's line, ring, queue stream, tenant's active runs. ARGV: run id, strategy, max waiting, active runs limit.
    private static readonly string EnterScript = """
        local active = redis.call('GET', KEYS[1])
        if active and ARGV[2] == 'reject' then return {'busy', active} end
        if active and redis.call('LLEN', KEYS[2]) >= tonumber(ARGV[3]) then return {'full', active} end
        if redis.call('SCARD', KEYS[6]) >= tonumber(ARGV[4]) then return {'quota', active or ''} end
        redis.call('SADD', KEYS[6], ARGV[1])
        if not active then
          redis.call('SET', KEYS[1], ARGV[1])
        """ + "\n" + RunQueue.EnqueueLua("KEYS[3]", "KEYS[4]", "KEYS[5]", "ARGV[1]") + "\n" + """
          return {'started', ''}
        end
        if ARGV[2] == 'enqueue' then redis.call('RPUSH', KEYS[2], ARGV[1]) else redis.call('LPUSH', KEYS[2], ARGV[1]) end
        return {'waiting', active}
        """;

    // KEYS: active, waiting, tenant's line, ring, queue stream. ARGV: run id. Returns the run the turn went to, or ''.
    private static readonly string ReleaseScript = "local handed = ''\n" + HandOverLua("KEYS[1]", "KEYS[2]", "KEYS[3]", "KEYS[4]", "KEYS[5]", "ARGV[1]") + "\nreturn handed";

    /// <summary>
    /// Lua that gives up <paramref name="runId"/>'s turn (or its place in the waiting list) and, if it held the turn,
    /// hands it to the next waiting run and queues that run in the tenant's <paramref name="line"/> (runs of a thread
    /// all belong to its owner); sets local <c>handed</c> to that run's id. Shared by <see cref="ReleaseAsync"/> and
    /// the run transition script, so ending a run and handing on its turn are one step.
    /// </summary>
    public static string HandOverLua(string active, string waiting, string line, string ring, string stream, string runId) => $"""
        if redis.call('GET', {active}) ~= {runId} then
          redis.call('LREM', {waiting}, 0, {runId})
        else
          local next = redis.call('LPOP', {waiting})
          if next then
            redis.call('SET', {active}, next)
            {RunQueue.EnqueueLua(line, ring, stream, "next")}
            handed = next
          else
            redis.call('DEL', {active})
          end
        end
        """;

    public enum Outcome { Started, Waiting, Busy, Full, OverQuota }

    private IDatabase Db => redis.GetDatabase();

    /// <summary>Holds the id of the thread's active run, if any.</summary>
    public static RedisKey ActiveKey(string threadId) => $"thread:{threadId}:active";

    private static RedisKey WaitingKey(string threadId) => $"thread:{threadId}:waiting";

    /// <summary>
    /// The thread's turn keys and where its owner's runs queue: active, waiting, the tenant's line, the ring, the
    /// queue stream (<see cref="RunOptions.QueueStream"/>).
    /// </summary>
    public static RedisKey[] Keys(string threadId, string tenant, string queueStream) =>
        [ActiveKey(threadId), WaitingKey(threadId), RunQueue.LineOf(tenant), RunQueue.Ring, queueStream];

    private RedisKey[] Keys(string threadId, string tenant) => Keys(threadId, tenant, options.Value.QueueStream);

    /// <summary>
    /// Takes the thread's turn and queues the run, or (by strategy) waits behind the active run, or refuses: the
    /// thread is busy, its waiting list is full, or the tenant has <paramref name="maxActiveRuns"/> runs active.
    /// </summary>
    public async Task<(Outcome Outcome, string? ActiveRunId)> EnterAsync(string threadId, string tenant, string runId, MultitaskStrategy strategy, int maxWaiting, long maxActiveRuns)
    {
        var name = strategy switch
        {
            MultitaskStrategy.Reject => "reject",
            MultitaskStrategy.Enqueue => "enqueue",
            _ => "next",
        };
        var result = (RedisResult[])(await Db.ScriptEvaluateAsync(EnterScript, [.. Keys(threadId, tenant), TenantLedger.ActiveRuns(tenant)], [runId, name, maxWaiting, maxActiveRuns]))!;
        var outcome = (string)result[0]! switch
        {
            "started" => Outcome.Started,
            "waiting" => Outcome.Waiting,
            "busy" => Outcome.Busy,
            "quota" => Outcome.OverQuota,
            _ => Outcome.Full,
        };
        var active = (string?)result[1];
        return (outcome, string.IsNullOrEmpty(active) ? null : active);
    }

    /// <summary>
    /// Gives up the run's turn (or its place in the waiting list) and hands the turn to the next waiting run, which
    /// is queued in the same script; returns that run's id.
    /// </summary>
    public async Task<string?> ReleaseAsync(string threadId, string tenant, string runId)
    {
        var next = (string?)await Db.ScriptEvaluateAsync(ReleaseScript, Keys(threadId, tenant), [runId]);
        return string.IsNullOrEmpty(next) ? null : next;
    }

    public async Task<string?> ActiveRunAsync(string threadId) => await Db.StringGetAsync(ActiveKey(threadId));

    public async Task<IReadOnlyList<string>> WaitingRunsAsync(string threadId) =>
        (await Db.ListRangeAsync(WaitingKey(threadId))).Select(id => (string)id!).ToList();
}
