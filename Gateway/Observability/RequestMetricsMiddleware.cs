using Microsoft.Extensions.Options;
using Platform.Gateway.Authentication;

namespace Platform.Gateway.Observability;

/// <summary>Counts every request on the public surface once it has completed, with its final status.</summary>
public sealed class RequestMetricsMiddleware(GatewayMetrics metrics, IOptions<GatewayMetricsOptions> options) : IMiddleware
{
    private readonly GatewayMetricsOptions _options = options.Value;

    public Task InvokeAsync(HttpContext context, RequestDelegate next) =>
        PlatformEndpoints.IsOperational(context.Request.Path.Value) ? next(context) : CountAsync(context, next);

    private async Task CountAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        finally
        {
            var status = context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted
                ? StatusCodes.Status499ClientClosedRequest
                : context.Response.StatusCode;
            metrics.RequestCompleted(RouteNames.Of(context), _options.ClientLabelFor(PlatformClaims.ClientIdOf(context.User)), status);
        }
    }
}
