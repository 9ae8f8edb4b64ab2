using Platform.Gateway.Observability;

namespace Platform.Gateway.RateLimiting;

public static class RateLimitExtensions
{
    /// <summary>
    /// Per-client request and stream limits shared through Redis (<c>RateLimits</c> section), overridden per tenant by
    /// the tenant's quota hash.
    /// </summary>
    public static WebApplicationBuilder AddClientRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>()
            .BindConfiguration(RateLimitOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<StreamDetectionOptions>()
            .BindConfiguration(StreamDetectionOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<StreamDetector>();
        builder.Services.AddSingleton<RedisRateLimitStore>();
        builder.Services.AddSingleton<LocalRateLimitStore>();
        builder.AddTenantQuotaOverrides();
        builder.Services.AddSingleton<TenantRateLimits>();
        builder.Services.AddSingleton<ClientRateLimiter>();
        builder.Services.AddSingleton<ClientRateLimitMiddleware>();
        builder.Services.TryAddSingleton<GatewayMetrics>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder;
    }

    public static IApplicationBuilder UseClientRateLimits(this IApplicationBuilder app) =>
        app.UseSingletonMiddleware<ClientRateLimitMiddleware>();
}
