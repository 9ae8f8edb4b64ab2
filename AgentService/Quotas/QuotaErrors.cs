using System.Globalization;

namespace Platform.AgentService.Quotas;

/// <summary>
/// Answers the two ways a write can be refused for lack of room, on every endpoint of a group: a tenant's quota
/// (<see cref="QuotaExceededException"/>) and a full Redis (<c>maxmemory</c> reached under <c>noeviction</c>, which
/// refuses writes with an OOM error and keeps everything stored). Reads keep working in both cases.
/// </summary>
public static class QuotaErrors
{
    public static TBuilder HandleRefusedWrites<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (QuotaExceededException quota) when (!context.HttpContext.Response.HasStarted)
            {
                return Refused(context.HttpContext, quota);
            }
            catch (RedisServerException redis) when (IsOutOfMemory(redis) && !context.HttpContext.Response.HasStarted)
            {
                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(QuotaErrors))
                    .LogError("Redis refused a write: maxmemory reached ({Path}); nothing was written", context.HttpContext.Request.Path.Value);
                return StorageFull(context.HttpContext);
            }
        });

    /// <summary>Redis answers writes over <c>maxmemory</c> (policy <c>noeviction</c>) with "OOM command not allowed", scripts included.</summary>
    public static bool IsOutOfMemory(RedisServerException exception) =>
        exception.Message.Contains("OOM command not allowed", StringComparison.Ordinal);

    /// <summary>
    /// 429, 413 or 403 (<see cref="QuotaExceededException.Status"/>) with code <c>quota_exceeded</c>; a 429 also carries
    /// <c>x-ratelimit-limit-{quota}</c>, <c>x-ratelimit-remaining-{quota}</c> and <c>Retry-After</c>.
    /// </summary>
    public static IResult Refused(HttpContext http, QuotaExceededException quota)
    {
        if (quota.Status == StatusCodes.Status429TooManyRequests)
        {
            var name = quota.Quota.Replace('_', '-');
            http.Response.Headers[$"x-ratelimit-limit-{name}"] = quota.Limit.ToString(CultureInfo.InvariantCulture);
            http.Response.Headers[$"x-ratelimit-remaining-{name}"] = "0";
            http.Response.Headers.RetryAfter = "1";
        }

        return ApiErrors.Error(quota.Status, quota.Message, code: "quota_exceeded");
    }

    public static IResult StorageFull(HttpContext http)
    {
        http.Response.Headers.RetryAfter = "30";
        return ApiErrors.Error(StatusCodes.Status507InsufficientStorage,
            "The service's storage is full, so nothing was written; what is stored is intact and can still be read. Retry later.", code: "storage_full");
    }
}
