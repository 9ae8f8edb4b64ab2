using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.Options;
using Platform.Gateway.Authentication;
using Platform.Gateway.Observability;
using Yarp.ReverseProxy.Model;

namespace Platform.Gateway.Pipeline;

/// <summary>
/// The gateway's own work on every public request, in one layer instead of three: the request is counted once it
/// has completed, and on a proxied route the caller is authenticated and the route's scope (its
/// <c>AuthorizationPolicy</c>, which <see cref="Limits.RouteDefaults"/> requires to name a scope) is checked from
/// the route itself, without the ASP.NET policy evaluator. Rejections go to the same
/// <see cref="IAuthorizationMiddlewareResultHandler"/> the authorization middleware uses, so 401 and 403 look
/// exactly as they would there. Endpoints that are not proxied routes keep the ASP.NET authentication and
/// authorization middleware (<see cref="GatewayPipelineExtensions.UseGatewayRequests"/>).
/// </summary>
public sealed class GatewayRequestMiddleware(
    GatewayMetrics metrics,
    IOptions<GatewayMetricsOptions> metricsOptions,
    RouteAuthentication authentication,
    IAuthorizationMiddlewareResultHandler rejections) : IMiddleware
{
    private readonly GatewayMetricsOptions _metricsOptions = metricsOptions.Value;

    public Task InvokeAsync(HttpContext context, RequestDelegate next) =>
        PlatformEndpoints.IsOperational(context.Request.Path.Value) ? next(context) : HandleAsync(context, next);

    private async Task HandleAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            if (ProxiedRoute(context) is not { } route || await AuthorizeAsync(context, route, next))
            {
                await next(context);
            }
        }
        finally
        {
            var status = context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted
                ? StatusCodes.Status499ClientClosedRequest
                : context.Response.StatusCode;
            metrics.RequestCompleted(RouteNames.Of(context), _metricsOptions.ClientLabelFor(PlatformClaims.ClientIdOf(context.User)), status);
        }
    }

    /// <summary>The YARP route this request was matched to, or null for any other endpoint (or none).</summary>
    internal static RouteModel? ProxiedRoute(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>();

    /// <summary>Whether the caller may use the route; if not, the 401 or 403 has been written.</summary>
    private async ValueTask<bool> AuthorizeAsync(HttpContext context, RouteModel route, RequestDelegate next)
    {
        var scope = route.Config.AuthorizationPolicy!;
        var result = await authentication.AuthenticateAsync(context);
        if (result.Succeeded)
        {
            context.User = result.Principal;
            if (PlatformClaims.HasScope(context.User, scope))
            {
                return true;
            }
        }

        var outcome = result.Succeeded
            ? PolicyAuthorizationResult.Forbid(AuthorizationFailure.Failed([new ScopeRequirement(scope)]))
            : PolicyAuthorizationResult.Challenge();
        await rejections.HandleAsync(next, context, ScopePolicy, outcome);
        return false;
    }

    /// <summary>Handed to the result handler only for a rejection, which never evaluates it.</summary>
    private static readonly AuthorizationPolicy ScopePolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
}
