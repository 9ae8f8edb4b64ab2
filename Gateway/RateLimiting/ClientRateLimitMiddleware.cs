using System.Globalization;
using Platform.Gateway.Authentication;
using Platform.Gateway.Observability;
using Yarp.ReverseProxy.Model;

namespace Platform.Gateway.RateLimiting;

/// <summary>
/// Counts each proxied request against its client's per-minute window and, for streams, takes a concurrent
/// stream slot held until the response ends (<see cref="StreamDetector"/> says which requests are streams).
/// Rejections are 429 with <c>Retry-After</c>; every answer carries
/// <c>x-ratelimit-limit</c>, <c>x-ratelimit-remaining</c> and <c>x-ratelimit-reset</c> (seconds).
/// </summary>
public sealed class ClientRateLimitMiddleware(ClientRateLimiter limiter, StreamDetector streams, GatewayMetrics metrics) : IMiddleware
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (PlatformClaims.ClientIdOf(context.User) is not { } clientId)
        {
            // Routes all require a scope, so this is unreachable unless a route was configured without one.
            throw new InvalidOperationException("A proxied request reached rate limiting without an authenticated client.");
        }

        var route = context.GetReverseProxyFeature().Route.Config;
        var decision = await limiter.CountRequestAsync(clientId, context.RequestAborted);
        var resetSeconds = (long)Math.Ceiling(decision.ResetAfter.TotalSeconds);
        var headers = context.Response.Headers;
        headers["x-ratelimit-limit"] = decision.Limit.ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-remaining"] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-reset"] = resetSeconds.ToString(CultureInfo.InvariantCulture);
        if (!decision.Allowed)
        {
            metrics.Rejected(RejectionReason.RateLimited, route.RouteId);
            await RejectAsync(context, Math.Max(1, resetSeconds),
                $"Rate limit reached for requests: {decision.Limit} per minute. Try again in {Math.Max(1, resetSeconds)} s.");
            return;
        }

        if (!await streams.IsStreamAsync(context))
        {
            await next(context);
            return;
        }

        await using var lease = await limiter.TryAcquireStreamAsync(clientId, context.RequestAborted);
        if (lease is null)
        {
            metrics.Rejected(RejectionReason.StreamsExceeded, route.RouteId);
            var retryAfter = (long)Math.Ceiling(limiter.Options.StreamRetryAfter.TotalSeconds);
            await RejectAsync(context, retryAfter,
                $"Rate limit reached for concurrent streams: {await limiter.ConcurrentStreamsForAsync(clientId)} open at once. Close a stream or try again later.");
            return;
        }

        metrics.StreamStarted();
        try
        {
            await next(context);
        }
        finally
        {
            metrics.StreamEnded();
        }
    }

    private static Task RejectAsync(HttpContext context, long retryAfterSeconds, string message)
    {
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return context.Response.WriteAsJsonAsync(OpenAiError.From(StatusCodes.Status429TooManyRequests, message));
    }
}
