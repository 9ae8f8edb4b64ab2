using StackExchange.Redis;

namespace Platform.ModelService.Usage;

/// <summary>
/// Counts one finished model call against its tenant and agent: the Redis counters <c>GET /v1/usage</c> and the
/// quotas read, and the per-tenant metrics. A Redis failure is logged and counted, never the caller's error.
/// </summary>
public sealed partial class UsageMeter(UsageStore store, UsageTelemetry telemetry, TimeProvider clock, ILogger<UsageMeter> logger)
{
    public async Task RecordAsync(ModelCaller caller, string model, string operation, ModelUsage usage)
    {
        telemetry.Used(caller.Tenant, model, operation, usage);
        try
        {
            await store.RecordAsync(caller, model, usage, clock.GetUtcNow());
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            telemetry.RedisFailed("record");
            LogRecordFailed(exception, usage.TotalTokens, caller.Tenant, model);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Usage of {Tokens} tokens by tenant {Tenant} on model {Model} could not be recorded.")]
    private partial void LogRecordFailed(Exception exception, long tokens, string tenant, string model);
}
