using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Platform.Gateway.RateLimiting;

public static class RateLimitExtensions
{
    /// <summary>Per-client request and stream limits shared through Redis (<c>RateLimits</c> section).</summary>
    public static WebApplicationBuilder AddClientRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>()
            .Bind(builder.Configuration.GetSection(RateLimitOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<RedisRateLimitStore>();
        builder.Services.AddSingleton<LocalRateLimitStore>();
        builder.Services.AddSingleton<ClientRateLimiter>();
        builder.Services.AddSingleton<ClientRateLimitMiddleware>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder;
    }

    public static IApplicationBuilder UseClientRateLimits(this IApplicationBuilder app)
    {
        var middleware = app.ApplicationServices.GetRequiredService<ClientRateLimitMiddleware>();
        return app.Use(next => context => middleware.InvokeAsync(context, next));
    }
}
