using Platform.Gateway.Limits;
using Platform.Gateway.RateLimiting;
using Platform.Gateway.Routing.Replicas;
using Yarp.ReverseProxy.Transforms;

namespace Platform.Gateway.Routing;

/// <summary>
/// The public <c>/v1</c> surface, read from the <c>ReverseProxy</c> configuration section; cluster
/// destinations are logical names (<c>http://models</c>) resolved by service discovery to every replica, with
/// active (<c>/health/ready</c>) and passive health checks choosing which replicas get traffic.
/// </summary>
public static class RoutingExtensions
{
    public static WebApplicationBuilder AddPlatformRouting(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IdempotentRetryMiddleware>();
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddConfigFilter<RouteDefaults>()
            .AddTransforms(context => context.AddRequestTransform(ForwardedIdentity.ApplyAsync))
            .AddServiceDiscoveryDestinationResolver()
            .AddPerReplicaDestinations();
        return builder;
    }

    /// <summary>Body limit, then rate limits, then replica choice; a failed idempotent read may try one more replica.</summary>
    public static WebApplication MapPlatformRoutes(this WebApplication app)
    {
        var retry = app.Services.GetRequiredService<IdempotentRetryMiddleware>();
        app.MapReverseProxy(proxy =>
        {
            proxy.UseRouteTimeoutResponses();
            proxy.UseRequestBodyLimits();
            proxy.UseClientRateLimits();
            proxy.UseSessionAffinity();
            proxy.Use(next => context => retry.InvokeAsync(context, next));
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        return app;
    }
}
