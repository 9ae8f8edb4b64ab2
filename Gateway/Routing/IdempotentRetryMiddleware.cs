using Platform.Gateway.Observability;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Platform.Gateway.Routing;

/// <summary>
/// Sends a request once more, to another replica, when the first one failed before answering: a bodiless GET, HEAD
/// or OPTIONS after any failure of the request (connection refused or reset), any other request only when no
/// connection was made (refused: a replica that crashed and is still listed), because then no byte of it, body
/// included, reached anyone. A replica going away then costs clients nothing, while health checks take it out of
/// rotation. A request that may have reached a replica is never repeated unless it is a read.
/// </summary>
public sealed class IdempotentRetryMiddleware(GatewayMetrics metrics) : IMiddleware
{
    public Task InvokeAsync(HttpContext context, RequestDelegate next) => InvokeWithRetryAsync(context, next);

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
        context.Features.Get<IForwarderErrorFeature>() is { Error: ForwarderError.Request } error
        && (IsBodilessRead(context.Request) || NeverConnected(error.Exception))
        && !context.Response.HasStarted
        && !context.RequestAborted.IsCancellationRequested;

    /// <summary>The connection to the replica failed, so the request (and its body, not yet read) went nowhere.</summary>
    private static bool NeverConnected(Exception? exception) =>
        exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError };

    private static bool IsBodilessRead(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        && request.ContentLength is null or 0
        && !request.Headers.ContainsKey("Transfer-Encoding");
}
