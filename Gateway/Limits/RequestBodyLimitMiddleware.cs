using Microsoft.AspNetCore.Http.Features;
using Platform.Gateway.Observability;
using Yarp.ReverseProxy.Forwarder;

namespace Platform.Gateway.Limits;

/// <summary>
/// Applies the route's body limit before anything reads the body: a declared <c>Content-Length</c> over the
/// limit is refused at once, and a chunked body is cut off by Kestrel when it crosses the limit. Both become
/// 413 with an OpenAI-style body.
/// </summary>
public sealed class RequestBodyLimitMiddleware(GatewayMetrics metrics) : IMiddleware
{
    /// <summary>A request that cannot carry a body (no <c>Content-Length</c>, not chunked, HTTP/2 headers ending the stream) passes straight on.</summary>
    public Task InvokeAsync(HttpContext context, RequestDelegate next) =>
        context.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false }
            ? next(context)
            : LimitAsync(context, next);

    private async Task LimitAsync(HttpContext context, RequestDelegate next)
    {
        var route = context.GetReverseProxyFeature().Route.Config;
        var limit = route.MaxRequestBodySize ?? -1;
        if (limit >= 0)
        {
            if (context.Request.ContentLength > limit)
            {
                await RejectAsync(context, route.RouteId, limit);
                return;
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
            {
                sizeFeature.MaxRequestBodySize = limit;
            }
        }

        try
        {
            await next(context);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            await RejectAsync(context, route.RouteId, limit);
            return;
        }

        // The forwarder reports a body cut off mid-stream as its own error instead of throwing.
        if (context.Features.Get<IForwarderErrorFeature>()?.Exception is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
            && !context.Response.HasStarted)
        {
            await RejectAsync(context, route.RouteId, limit);
        }
    }

    private Task RejectAsync(HttpContext context, string routeId, long limit)
    {
        metrics.Rejected(RejectionReason.BodyTooLarge, routeId);
        context.Response.Clear();
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        return context.Response.WriteAsJsonAsync(OpenAiError.From(StatusCodes.Status413PayloadTooLarge,
            $"The request body is larger than this route accepts ({limit} bytes)."));
    }
}
