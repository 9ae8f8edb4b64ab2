using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Platform.Gateway.Observability;

namespace Platform.Gateway.Limits;

public static class LimitsExtensions
{
    /// <summary>Header limits on Kestrel, per-route body limits and timeouts (<c>Limits</c> section).</summary>
    public static WebApplicationBuilder AddRequestLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RequestLimitsOptions>()
            .BindConfiguration(RequestLimitsOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IConfigureOptions<KestrelServerOptions>, KestrelHeaderLimits>();
        builder.Services.TryAddSingleton<GatewayMetrics>();
        builder.Services.AddSingleton<RequestBodyLimitMiddleware>();
        builder.Services.AddSingleton<RouteTimeoutMiddleware>();
        builder.Services.AddRequestTimeouts();
        return builder;
    }

    public static IApplicationBuilder UseRequestBodyLimits(this IApplicationBuilder app) =>
        app.UseSingletonMiddleware<RequestBodyLimitMiddleware>();

    public static IApplicationBuilder UseRouteTimeoutResponses(this IApplicationBuilder app) =>
        app.UseSingletonMiddleware<RouteTimeoutMiddleware>();

    private sealed class KestrelHeaderLimits(IOptions<RequestLimitsOptions> limits) : IConfigureOptions<KestrelServerOptions>
    {
        public void Configure(KestrelServerOptions options)
        {
            options.Limits.MaxRequestHeadersTotalSize = limits.Value.MaxRequestHeadersTotalBytes;
            options.Limits.MaxRequestHeaderCount = limits.Value.MaxRequestHeaderCount;
        }
    }
}
