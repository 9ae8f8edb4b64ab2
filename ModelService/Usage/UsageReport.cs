using System.Text.Json.Serialization;
using StackExchange.Redis;

namespace Platform.ModelService.Usage;

/// <summary>The <c>GET /v1/usage</c> answer: the caller's usage per day, model and agent, totals, and its token quotas.</summary>
public sealed record UsageReport(
    [property: JsonPropertyName("tenant")] string Tenant,
    [property: JsonPropertyName("start_date")] string StartDate,
    [property: JsonPropertyName("end_date")] string EndDate,
    [property: JsonPropertyName("data")] IReadOnlyList<UsageBucket> Data,
    [property: JsonPropertyName("total")] UsageTotals Total,
    [property: JsonPropertyName("quotas")] UsageQuotas Quotas)
{
    [JsonPropertyName("object")]
    public string Object => "usage";

    public static IReadOnlyList<UsageBucket> Buckets(IReadOnlyList<(DateOnly Day, HashEntry[] Fields)> days)
    {
        var buckets = new List<UsageBucket>();
        foreach (var (day, fields) in days)
        {
            var counters = new Dictionary<(string Model, string? Agent), Dictionary<string, long>>();
            foreach (var entry in fields)
            {
                if (UsageKeys.TryParse(entry.Name.ToString(), out var model, out var agent, out var metric) && entry.Value.TryParse(out long value))
                {
                    var bucket = counters.TryGetValue((model, agent), out var found) ? found : counters[(model, agent)] = [];
                    bucket[metric] = value;
                }
            }

            var date = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            buckets.AddRange(counters
                .OrderBy(entry => entry.Key.Model, StringComparer.Ordinal).ThenBy(entry => entry.Key.Agent ?? "", StringComparer.Ordinal)
                .Select(entry => new UsageBucket(date, entry.Key.Model, entry.Key.Agent,
                    entry.Value.GetValueOrDefault(UsageMetric.Requests),
                    entry.Value.GetValueOrDefault(UsageMetric.PromptTokens),
                    entry.Value.GetValueOrDefault(UsageMetric.CompletionTokens),
                    entry.Value.GetValueOrDefault(UsageMetric.EmbeddingInputs))));
        }

        return buckets;
    }
}

/// <summary>One day's usage of one model by one agent (<c>agent_id</c> null: calls made directly, not by an agent run).</summary>
public sealed record UsageBucket(
    [property: JsonPropertyName("date")] string Date,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("agent_id")] string? AgentId,
    [property: JsonPropertyName("requests")] long Requests,
    [property: JsonPropertyName("prompt_tokens")] long PromptTokens,
    [property: JsonPropertyName("completion_tokens")] long CompletionTokens,
    [property: JsonPropertyName("embedding_inputs")] long EmbeddingInputs)
{
    [JsonPropertyName("total_tokens")]
    public long TotalTokens => PromptTokens + CompletionTokens;
}

public sealed record UsageTotals(
    [property: JsonPropertyName("requests")] long Requests,
    [property: JsonPropertyName("prompt_tokens")] long PromptTokens,
    [property: JsonPropertyName("completion_tokens")] long CompletionTokens,
    [property: JsonPropertyName("embedding_inputs")] long EmbeddingInputs)
{
    [JsonPropertyName("total_tokens")]
    public long TotalTokens => PromptTokens + CompletionTokens;

    public static UsageTotals Of(IReadOnlyList<UsageBucket> buckets) => new(
        buckets.Sum(bucket => bucket.Requests), buckets.Sum(bucket => bucket.PromptTokens),
        buckets.Sum(bucket => bucket.CompletionTokens), buckets.Sum(bucket => bucket.EmbeddingInputs));
}

/// <summary>The caller's token quotas as they stand: limit, used and remaining in this minute and this UTC day.</summary>
public sealed record UsageQuotas(
    [property: JsonPropertyName("tokens_per_minute")] QuotaState TokensPerMinute,
    [property: JsonPropertyName("tokens_per_day")] QuotaState TokensPerDay);

public sealed record QuotaState(
    [property: JsonPropertyName("limit")] long Limit,
    [property: JsonPropertyName("used")] long Used)
{
    [JsonPropertyName("remaining")]
    public long Remaining => Math.Max(0, Limit - Used);
}
