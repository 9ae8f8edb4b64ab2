namespace Platform.Gateway.Cors;

public static class CorsExtensions
{
    public const string PolicyName = "gateway";

    /// <summary>CORS for the listed origins only; with none configured, no CORS headers are ever sent.</summary>
    public static WebApplicationBuilder AddGatewayCors(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(GatewayCorsOptions.Section).Get<GatewayCorsOptions>() ?? new GatewayCorsOptions();
        builder.Services.AddCors(options => options.AddPolicy(PolicyName, policy =>
        {
            if (settings.AllowedOrigins.Count > 0)
            {
                policy.WithOrigins([.. settings.AllowedOrigins])
                    .WithMethods("GET", "POST", "DELETE", "OPTIONS")
                    .WithHeaders("authorization", "api-key", "content-type", "x-request-id")
                    .WithExposedHeaders([.. settings.ExposedHeaders]);
            }
        }));
        return builder;
    }

    public static IApplicationBuilder UseGatewayCors(this IApplicationBuilder app) => app.UseCors(PolicyName);
}
