using Microsoft.AspNetCore.Routing;
using Platform.Gateway.Observability;

namespace Platform.Gateway.Pipeline;

public static class GatewayPipelineExtensions
{
    private const string AuthenticationMiddlewareSet = "__AuthenticationMiddlewareSet";
    private const string AuthorizationMiddlewareSet = "__AuthorizationMiddlewareSet";

    public static WebApplicationBuilder AddGatewayRequests(this WebApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton<GatewayMetrics>();
        builder.Services.AddSingleton<GatewayRequestMiddleware>();
        builder.Services.AddSingleton<RouteAuthentication>();
        // Proxied routes carry the authorization metadata YARP puts on them, but are authorized by the gateway
        // middleware, not by the ASP.NET one; every other endpoint still passes the ASP.NET authorization middleware.
        builder.Services.Configure<RouteOptions>(options => options.SuppressCheckForUnhandledSecurityMetadata = true);
        return builder;
    }

    /// <summary>
    /// Counting, authentication and scope checks on proxied routes in one layer; the ASP.NET authentication and
    /// authorization middleware on everything else (the gateway's own endpoints, unmatched paths).
    /// </summary>
    public static IApplicationBuilder UseGatewayRequests(this IApplicationBuilder app)
    {
        // A WebApplication puts both ASP.NET middleware in front of the whole pipeline unless the pipeline has
        // them; these are the markers their Use* calls leave (on the branch's copy of the properties, not here).
        app.Properties[AuthenticationMiddlewareSet] = true;
        app.Properties[AuthorizationMiddlewareSet] = true;
        app.UseSingletonMiddleware<GatewayRequestMiddleware>();
        return app.UseWhen(context => GatewayRequestMiddleware.ProxiedRoute(context) is null, other => other
            .UseAuthentication()
            .UseAuthorization());
    }
}
