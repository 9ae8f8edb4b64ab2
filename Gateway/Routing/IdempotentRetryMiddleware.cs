using Platform.Gateway.Observability;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Platform.Gateway.Routing;

/// <summary>
/// Sends a bodiless GET, HEAD or OPTIONS once more, to another replica, when the first one failed before
/// answering (connection refused or reset). A replica going away then costs clients nothing on reads, while
/// passive health checks take it out of rotation. Requests with bodies are never repeated.
/// </summary>
public sealed class IdempotentRetryMiddleware(GatewayMetrics metrics) : IMiddleware
{
    public Task InvokeAsync(HttpContext context, RequestDelegate next) =>
        IsBodilessRead(context.Request) ? InvokeWithRetryAsync(context, next) : next(context);

    private async Task InvokeWithRetryAsync(HttpContext context, RequestDelegate next)
    {
        var proxy = context.GetReverseProxyFeature();
        var candidates = proxy.AvailableDestinations;
        await next(context);

        if (!IsRetryable(context) || proxy.ProxiedDestination is not { } failed)
        {
            return;
        }

        var others = candidates.Where(destination => !ReferenceEquals(destination, failed)).ToList();
        if (others.Count == 0)
        {
            return;
        }

        metrics.Retried(proxy.Route.Config.RouteId);
        // Nothing was written: the forwarder only set 502. Headers set earlier (rate limits) stay.
        context.Features.Set<IForwarderErrorFeature>(null);
        context.Response.StatusCode = StatusCodes.Status200OK;
        proxy.AvailableDestinations = others;
        await next(context);
    }

    private static bool IsRetryable(HttpContext context) =>
        context.Features.Get<IForwarderErrorFeature>() is { Error: ForwarderError.Request }
        && !context.Response.HasStarted
        && !context.RequestAborted.IsCancellationRequested;

    private static bool IsBodilessRead(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        && request.ContentLength is null or 0
        && !request.Headers.ContainsKey("Transfer-Encoding");
}
