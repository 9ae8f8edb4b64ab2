using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Platform.Gateway.Cors;

public static class CorsExtensions
{
    public const string PolicyName = "gateway";

    /// <summary>CORS for the listed origins only; with none configured, no CORS headers are ever sent.</summary>
    public static WebApplicationBuilder AddGatewayCors(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<GatewayCorsOptions>()
            .BindConfiguration(GatewayCorsOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddCors();
        builder.Services.AddOptions<CorsOptions>().Configure<IOptions<GatewayCorsOptions>>((options, settings) =>
            options.AddPolicy(PolicyName, policy =>
            {
                if (settings.Value.AllowedOrigins.Count > 0)
                {
                    policy.WithOrigins([.. settings.Value.AllowedOrigins])
                        .WithMethods("GET", "POST", "DELETE", "OPTIONS")
                        .WithHeaders("authorization", "api-key", "content-type", "x-request-id")
                        .WithExposedHeaders([.. settings.Value.ExposedHeaders]);
                }
            }));
        return builder;
    }

    /// <summary>
    /// The CORS middleware, for requests that name an <c>Origin</c> only: it does nothing for the others, but
    /// resolving its policy provider would open a service scope on every request.
    /// </summary>
    public static IApplicationBuilder UseGatewayCors(this IApplicationBuilder app) =>
        app.UseWhen(static context => context.Request.Headers.ContainsKey(HeaderNames.Origin), cors => cors.UseCors(PolicyName));
}
