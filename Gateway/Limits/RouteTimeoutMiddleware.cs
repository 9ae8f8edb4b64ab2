using Microsoft.AspNetCore.Http.Timeouts;

namespace Platform.Gateway.Limits;

/// <summary>
/// The request-timeouts middleware cancels a request that outlives its route's <c>Timeout</c>; the forwarder
/// sees only a cancelled request. This turns that into 504 with an OpenAI-style body, unless the response had
/// already started (a stream cut off by its timeout simply ends).
/// </summary>
public sealed class RouteTimeoutMiddleware : IMiddleware
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        await next(context);
        if (context.Features.Get<IHttpRequestTimeoutFeature>() is { RequestTimeoutToken.IsCancellationRequested: true }
            && !context.Response.HasStarted)
        {
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status504GatewayTimeout;
            await context.Response.WriteAsJsonAsync(OpenAiError.From(StatusCodes.Status504GatewayTimeout,
                "The service did not answer within this route's time limit."));
        }
    }
}
