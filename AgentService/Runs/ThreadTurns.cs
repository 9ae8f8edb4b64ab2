using Microsoft.Extensions.Options;

namespace Platform.AgentService.Runs;

/// <summary>
/// Whose turn it is on each thread: <c>thread:{id}:active</c> names the one run that may execute, and list
/// <c>thread:{id}:waiting</c> the runs waiting behind it. Taking the turn and handing it on are single scripts that
/// also put the run on the work queue, so a run is never left holding a turn without being queued.
/// </summary>
public sealed class ThreadTurns(IConnectionMultiplexer redis, IOptions<RunOptions> options)
{
    // KEYS: active, waiting, queue. ARGV: run id, strategy, max waiting, queue max length.
    private const string EnterScript = """
        local active = redis.call('GET', KEYS[1])
        if not active then
          redis.call('SET', KEYS[1], ARGV[1])
          redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[4], '*', 'run_id', ARGV[1])
          return {'started', ''}
        end
        if ARGV[2] == 'reject' then return {'busy', active} end
        if redis.call('LLEN', KEYS[2]) >= tonumber(ARGV[3]) then return {'full', active} end
        if ARGV[2] == 'enqueue' then redis.call('RPUSH', KEYS[2], ARGV[1]) else redis.call('LPUSH', KEYS[2], ARGV[1]) end
        return {'waiting', active}
        """;

    // KEYS: active, waiting, queue. ARGV: run id, queue max length. Returns the run the turn went to, or ''.
    private static readonly string ReleaseScript = "local handed = ''\n" + HandOverLua("KEYS[1]", "KEYS[2]", "KEYS[3]", "ARGV[1]", "ARGV[2]") + "\nreturn handed";

    /// <summary>
    /// Lua that gives up <paramref name="runId"/>'s turn (or its place in the waiting list) and, if it held the turn,
    /// hands it to the next waiting run and queues that run; sets local <c>handed</c> to that run's id. Shared by
    /// <see cref="ReleaseAsync"/> and the run transition script, so ending a run and handing on its turn are one step.
    /// </summary>
    public static string HandOverLua(string active, string waiting, string queue, string runId, string maxLength) => $"""
        if redis.call('GET', {active}) ~= {runId} then
          redis.call('LREM', {waiting}, 0, {runId})
        else
          local next = redis.call('LPOP', {waiting})
          if next then
            redis.call('SET', {active}, next)
            redis.call('XADD', {queue}, 'MAXLEN', '~', {maxLength}, '*', 'run_id', next)
            handed = next
          else
            redis.call('DEL', {active})
          end
        end
        """;

    public enum Outcome { Started, Waiting, Busy, Full }

    private IDatabase Db => redis.GetDatabase();

    private static RedisKey ActiveKey(string threadId) => $"thread:{threadId}:active";

    private static RedisKey WaitingKey(string threadId) => $"thread:{threadId}:waiting";

    /// <summary>The thread's turn keys and the work queue (<see cref="RunOptions.QueueStream"/>): active, waiting, queue.</summary>
    public static RedisKey[] Keys(string threadId, string queueStream) => [ActiveKey(threadId), WaitingKey(threadId), queueStream];

    private RedisKey[] Keys(string threadId) => Keys(threadId, options.Value.QueueStream);

    /// <summary>Takes the thread's turn and queues the run, or (by strategy) waits behind the active run, or refuses.</summary>
    public async Task<(Outcome Outcome, string? ActiveRunId)> EnterAsync(string threadId, string runId, MultitaskStrategy strategy, int maxWaiting)
    {
        var name = strategy switch
        {
            MultitaskStrategy.Reject => "reject",
            MultitaskStrategy.Enqueue => "enqueue",
            _ => "next",
        };
        var result = (RedisResult[])(await Db.ScriptEvaluateAsync(EnterScript, Keys(threadId), [runId, name, maxWaiting, RunQueue.MaxLength]))!;
        var outcome = (string)result[0]! switch
        {
            "started" => Outcome.Started,
            "waiting" => Outcome.Waiting,
            "busy" => Outcome.Busy,
            _ => Outcome.Full,
        };
        var active = (string?)result[1];
        return (outcome, string.IsNullOrEmpty(active) ? null : active);
    }

    /// <summary>
    /// Gives up the run's turn (or its place in the waiting list) and hands the turn to the next waiting run, which
    /// is queued in the same script; returns that run's id.
    /// </summary>
    public async Task<string?> ReleaseAsync(string threadId, string runId)
    {
        var next = (string?)await Db.ScriptEvaluateAsync(ReleaseScript, Keys(threadId), [runId, RunQueue.MaxLength]);
        return string.IsNullOrEmpty(next) ? null : next;
    }

    public async Task<string?> ActiveRunAsync(string threadId) => await Db.StringGetAsync(ActiveKey(threadId));

    public async Task<IReadOnlyList<string>> WaitingRunsAsync(string threadId) =>
        (await Db.ListRangeAsync(WaitingKey(threadId))).Select(id => (string)id!).ToList();
}
