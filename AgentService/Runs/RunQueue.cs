using Microsoft.Extensions.Options;

namespace Platform.AgentService.Runs;

/// <summary>
/// The work queue: the Redis stream <see cref="RunOptions.QueueStream"/> read by consumer group
/// <see cref="RunOptions.QueueGroup"/>, which every replica joins (the cluster's autoscaler reads the same names).
/// An entry stays pending until its worker acknowledges it; a worker heartbeats its entries (XCLAIM to itself,
/// which resets their idle time), so only entries of a worker that stopped go idle long enough to be reclaimed.
/// </summary>
public sealed class RunQueue(IConnectionMultiplexer redis, IOptions<RunOptions> options)
{
    private string StreamKey => options.Value.QueueStream;
    private string Group => options.Value.QueueGroup;

    /// <summary>
    /// The queue is trimmed approximately to this many entries; acknowledged entries are the ones that go. Entries are
    /// added by the run transition and thread-turn scripts (<see cref="RunStore"/>, <see cref="ThreadTurns"/>).
    /// </summary>
    public const long MaxLength = 100_000;

    private IDatabase Db => redis.GetDatabase();

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

    public async Task<IReadOnlyList<QueueEntry>> ReadAsync(string consumer, int count)
    {
        var entries = await Db.StreamReadGroupAsync(StreamKey, Group, consumer, ">", count);
        return entries.Select(entry => new QueueEntry(entry.Id!, entry["run_id"]!, Reclaimed: false)).ToList();
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

    public Task AcknowledgeAsync(string entryId) => Db.StreamAcknowledgeAsync(StreamKey, Group, entryId);

    /// <summary>
    /// Entries delivered but not acknowledged (running), entries not yet delivered (waiting), and how long ago
    /// the oldest delivered entry was queued (its id is its enqueue time), which exposes runs stuck in a worker.
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
