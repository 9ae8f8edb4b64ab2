using System.Globalization;
using StackExchange.Redis;

namespace Platform.ModelService.Usage;

/// <summary>
/// Where usage lives in Redis. One hash per tenant and UTC day, <c>usage:{tenant}:day:yyyy-MM-dd</c>, whose fields are
/// <c>model|agent|metric</c> counters (agent empty for direct calls) plus <c>total</c>, the day's tokens the daily
/// quota reads; and one counter per tenant and clock minute, <c>usage:{tenant}:minute:N</c>, for the minute quota.
/// The braces keep a tenant's keys in one cluster slot, beside its quota overrides.
/// </summary>
public static class UsageKeys
{
    public const string TotalField = "total";
    public const char Separator = '|';

    public static RedisKey Day(string tenant, DateOnly day) =>
        $"usage:{{{tenant}}}:day:{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    public static RedisKey Minute(string tenant, DateTimeOffset now) =>
        $"usage:{{{tenant}}}:minute:{now.ToUnixTimeSeconds() / 60}";

    public static RedisValue Field(string model, string? agent, string metric) => $"{model}{Separator}{agent}{Separator}{metric}";

    /// <summary>Splits a field from the right: metric and agent ids never hold the separator, a model id might.</summary>
    public static bool TryParse(string field, out string model, out string? agent, out string metric)
    {
        var last = field.LastIndexOf(Separator);
        var middle = last > 0 ? field.LastIndexOf(Separator, last - 1) : -1;
        model = middle > 0 ? field[..middle] : "";
        agent = middle > 0 && last - middle > 1 ? field[(middle + 1)..last] : null;
        metric = last >= 0 ? field[(last + 1)..] : "";
        return middle > 0;
    }
}
