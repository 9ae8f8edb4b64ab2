using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.ServiceDefaults;

/// <summary>The one call every service makes: telemetry, health, discovery, resilience, request ids, errors.</summary>
public static class ServiceDefaultsExtensions
{
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigurePlatformTelemetry();
        builder.AddDefaultHealthChecks();
        builder.AddForwardedHeadersTrust();

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
            http.AddRequestIdPropagation();
        });

        builder.Services.AddHttpContextAccessor();
        // The logger factory takes its scope provider from the container when one is registered.
        builder.Services.TryAddSingleton<IExternalScopeProvider, RequestIdLogScope>();
        builder.Services.AddPlatformErrors();
        builder.Services.AddSingleton<RequestIds.Middleware>();
        builder.Services.AddTransient<IStartupFilter, PlatformPipelineStartupFilter>();
        return builder;
    }

    /// <summary>Maps <c>/health/live</c>, <c>/health/ready</c> and <c>/metrics</c> in every environment.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthEndpoints();
        app.MapPrometheusScrapingEndpoint(PlatformEndpoints.Metrics).DisableHttpMetrics();
        return app;
    }
}
