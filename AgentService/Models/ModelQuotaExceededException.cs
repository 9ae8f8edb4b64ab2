namespace Platform.AgentService.Models;

/// <summary>The models service refused a call with 429 because the tenant's token quota (<see cref="Quota"/>) is used up.</summary>
public sealed class ModelQuotaExceededException(string quota, string message) : Exception(message)
{
    public static readonly IReadOnlySet<string> Quotas = new HashSet<string>(StringComparer.Ordinal)
    {
        Platform.ServiceDefaults.Tenancy.TenantQuota.TokensPerMinute,
        Platform.ServiceDefaults.Tenancy.TenantQuota.TokensPerDay,
    };

    public string Quota { get; } = quota;

    /// <summary>The exception, or one it wraps (the model client stacks may wrap what a handler throws).</summary>
    public static ModelQuotaExceededException? In(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is ModelQuotaExceededException quota)
            {
                return quota;
            }

            if (exception is AggregateException aggregate && aggregate.InnerExceptions.Select(In).FirstOrDefault(found => found is not null) is { } inner)
            {
                return inner;
            }
        }

        return null;
    }
}
