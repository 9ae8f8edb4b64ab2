using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Platform.ModelService.Usage;

/// <summary>Reads and writes the usage counters of <see cref="UsageKeys"/>; one pipelined round trip per call.</summary>
public sealed class UsageStore(IConnectionMultiplexer redis, IOptions<UsageOptions> options)
{
    // A minute counter outlives its minute a little, so a replica whose clock is a few seconds behind still sees it.
    private static readonly TimeSpan MinuteKeyLifetime = TimeSpan.FromMinutes(2);

    private IDatabase Db => redis.GetDatabase();

    /// <summary>The tenant's tokens in the current clock minute and UTC day.</summary>
    public async Task<(long Minute, long Day)> UsedAsync(string tenant, DateTimeOffset now)
    {
        var batch = Db.CreateBatch();
        var minute = batch.StringGetAsync(UsageKeys.Minute(tenant, now));
        var day = batch.HashGetAsync(UsageKeys.Day(tenant, DateOnly.FromDateTime(now.UtcDateTime)), UsageKeys.TotalField);
        batch.Execute();
        return (Count(await minute), Count(await day));
    }

    public async Task RecordAsync(ModelCaller caller, string model, ModelUsage usage, DateTimeOffset now)
    {
        var dayKey = UsageKeys.Day(caller.Tenant, DateOnly.FromDateTime(now.UtcDateTime));
        var minuteKey = UsageKeys.Minute(caller.Tenant, now);
        var batch = Db.CreateBatch();
        List<Task> writes =
        [
            batch.HashIncrementAsync(dayKey, UsageKeys.Field(model, caller.AgentId, UsageMetric.Requests)),
            batch.HashIncrementAsync(dayKey, UsageKeys.TotalField, usage.TotalTokens),
            batch.KeyExpireAsync(dayKey, options.Value.Retention),
            batch.StringIncrementAsync(minuteKey, usage.TotalTokens),
            batch.KeyExpireAsync(minuteKey, MinuteKeyLifetime),
        ];
        foreach (var (metric, value) in Counters(usage))
        {
            writes.Add(batch.HashIncrementAsync(dayKey, UsageKeys.Field(model, caller.AgentId, metric), value));
        }

        batch.Execute();
        await Task.WhenAll(writes);
    }

    /// <summary>Every day's counters from <paramref name="first"/> to <paramref name="last"/>, one pipelined read.</summary>
    public async Task<IReadOnlyList<(DateOnly Day, HashEntry[] Fields)>> ReadAsync(string tenant, DateOnly first, DateOnly last)
    {
        var batch = Db.CreateBatch();
        var reads = new List<(DateOnly Day, Task<HashEntry[]> Fields)>();
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            reads.Add((day, batch.HashGetAllAsync(UsageKeys.Day(tenant, day))));
        }

        batch.Execute();
        await Task.WhenAll(reads.Select(read => read.Fields));
        return [.. reads.Select(read => (read.Day, read.Fields.Result))];
    }

    private static long Count(RedisValue value) => value.TryParse(out long count) ? count : 0;

    private static IEnumerable<(string Metric, long Value)> Counters(ModelUsage usage)
    {
        if (usage.PromptTokens > 0)
        {
            yield return (UsageMetric.PromptTokens, usage.PromptTokens);
        }

        if (usage.CompletionTokens > 0)
        {
            yield return (UsageMetric.CompletionTokens, usage.CompletionTokens);
        }

        if (usage.EmbeddingInputs > 0)
        {
            yield return (UsageMetric.EmbeddingInputs, usage.EmbeddingInputs);
        }
    }
}
