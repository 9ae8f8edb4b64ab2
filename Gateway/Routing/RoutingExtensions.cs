namespace Platform.Gateway.Routing;

/// <summary>
/// The public <c>/v1</c> surface, read from the <c>ReverseProxy</c> configuration section; cluster
/// destinations are logical names (<c>http://models</c>) resolved by service discovery.
/// </summary>
public static class RoutingExtensions
{
    public static WebApplicationBuilder AddPlatformRouting(this WebApplicationBuilder builder)
    {
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddServiceDiscoveryDestinationResolver();
        return builder;
    }

    public static WebApplication MapPlatformRoutes(this WebApplication app)
    {
        app.MapReverseProxy();
        return app;
    }
}
