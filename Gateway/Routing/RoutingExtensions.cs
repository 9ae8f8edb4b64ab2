using Platform.Gateway.Limits;
using Platform.Gateway.Observability;
using Platform.Gateway.Routing.Replicas;
using Platform.ServiceDefaults.Identity;
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
        builder.AddIdentitySigning();
        builder.Services.TryAddSingleton<GatewayMetrics>();
        builder.Services.AddSingleton<IdempotentRetryMiddleware>();
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddConfigFilter<RouteDefaults>()
            .AddTransforms(context =>
            {
                var signer = context.Services.GetRequiredService<IdentitySigner>();
                context.AddRequestTransform(transform => ForwardedIdentity.ApplyAsync(transform, signer));
            })
            .AddServiceDiscoveryDestinationResolver()
            .AddPerReplicaDestinations();
        return builder;
    }

    /// <summary>A failed idempotent read may try one more replica.</summary>
    public static IApplicationBuilder UseIdempotentRetry(this IApplicationBuilder app) =>
        app.UseSingletonMiddleware<IdempotentRetryMiddleware>();
}
