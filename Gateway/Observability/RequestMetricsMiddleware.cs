using Platform.Gateway.Authentication;

namespace Platform.Gateway.Observability;

/// <summary>Counts every request on the public surface once it has completed, with its final status.</summary>
public static class RequestMetricsMiddleware
{
    public static IApplicationBuilder UseGatewayRequestMetrics(this IApplicationBuilder app)
    {
        var metrics = app.ApplicationServices.GetRequiredService<GatewayMetrics>();
        return app.Use(async (context, next) =>
        {
            if (PlatformEndpoints.IsOperational(context.Request.Path.Value))
            {
                await next(context);
                return;
            }

            try
            {
                await next(context);
            }
            finally
            {
                var status = context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted
                    ? StatusCodes.Status499ClientClosedRequest
                    : context.Response.StatusCode;
                metrics.RequestCompleted(RouteNames.Of(context), PlatformClaims.ClientIdOf(context.User) ?? RouteNames.Anonymous, status);
            }
        });
    }
}
