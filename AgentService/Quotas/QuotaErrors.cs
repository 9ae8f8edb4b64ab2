using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;

namespace Platform.AgentService.Quotas;

/// <summary>
/// Answers the two ways a write can be refused for lack of room, from any endpoint: a tenant's quota
/// (<see cref="QuotaExceededException"/>) and a full Redis (<c>maxmemory</c> reached under <c>noeviction</c>, which
/// refuses writes with an OOM error and keeps everything stored). Reads keep working in both cases.
/// </summary>
public sealed class QuotaErrors(ILogger<QuotaErrors> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (context.Response.HasStarted)
        {
            return false;
        }

        switch (exception)
        {
            case QuotaExceededException quota:
                if (quota.Status == StatusCodes.Status429TooManyRequests)
                {
                    var limit = quota.Limit.ToString(CultureInfo.InvariantCulture);
                    context.Response.Headers[$"x-ratelimit-limit-{quota.Quota.Replace('_', '-')}"] = limit;
                    context.Response.Headers[$"x-ratelimit-remaining-{quota.Quota.Replace('_', '-')}"] = "0";
                    context.Response.Headers.RetryAfter = "1";
                }

                await WriteAsync(context, ApiErrors.Error(quota.Status, quota.Message, code: "quota_exceeded"));
                return true;
            case RedisServerException redis when IsOutOfMemory(redis):
                logger.LogError("Redis refused a write: maxmemory reached ({Path}); nothing was written", context.Request.Path.Value);
                context.Response.Headers.RetryAfter = "30";
                await WriteAsync(context, ApiErrors.Error(StatusCodes.Status507InsufficientStorage,
                    "The service's storage is full, so nothing was written; stored data is intact and can still be read. Retry later.", code: "storage_full"));
                return true;
            default:
                return false;
        }
    }

    /// <summary>Redis answers writes over <c>maxmemory</c> (policy <c>noeviction</c>) with "OOM command not allowed", scripts included.</summary>
    public static bool IsOutOfMemory(RedisServerException exception) =>
        exception.Message.Contains("OOM command not allowed", StringComparison.Ordinal);

    private static Task WriteAsync(HttpContext context, IResult result) => result.ExecuteAsync(context);
}
