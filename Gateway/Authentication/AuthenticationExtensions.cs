using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Platform.Gateway.Authentication;

/// <summary>
/// API keys always, JWT bearer tokens when configured; a policy scheme picks the handler per request, and one
/// authorization policy per scope is what routes name in <c>AuthorizationPolicy</c>.
/// </summary>
public static class AuthenticationExtensions
{
    public const string JwtSchemeName = JwtBearerDefaults.AuthenticationScheme;

    public static WebApplicationBuilder AddGatewayAuthentication(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<GatewayAuthenticationOptions>()
            .BindConfiguration(GatewayAuthenticationOptions.Section)
            .Configure<IConfiguration>(PublishedCredentials.ApplyTo)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<ApiKeyStore>();
        builder.Services.TryAddSingleton<Observability.GatewayMetrics>();
        builder.Services.AddHostedService<CredentialsStartupReport>();

        // The API-key scheme is the default and hands JWTs on to the JWT scheme itself (no policy scheme in
        // between: one handler per request). Whether JWT is on is read at request time, not here, so that settings
        // added by a host (or a test) after this call count.
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, "API key or JWT bearer token", options =>
                options.ForwardDefaultSelector = context => CarriesJwt(context.Request) && JwtEnabled(context) ? JwtSchemeName : null)
            .AddJwtBearer(JwtSchemeName, _ => { });
        builder.Services.AddOptions<JwtBearerOptions>(JwtSchemeName)
            .Configure<IOptions<GatewayAuthenticationOptions>>((options, settings) => ConfigureJwt(options, settings.Value.Jwt));

        var authorization = builder.Services.AddAuthorizationBuilder();
        foreach (var scope in Scopes.All)
        {
            authorization.AddPolicy(scope, policy => policy.RequireAuthenticatedUser().AddRequirements(new ScopeRequirement(scope)));
        }

        builder.Services.AddSingleton<IAuthorizationHandler, ScopeRequirementHandler>();
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, OpenAiAuthorizationResultHandler>();
        return builder;
    }

    private static bool JwtEnabled(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<GatewayAuthenticationOptions>>().Value.Jwt.Enabled;

    /// <summary>A compact JWS has three dot-separated parts; API keys never contain a dot.</summary>
    private static bool CarriesJwt(HttpRequest request) =>
        !request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName)
        && request.Headers.Authorization.ToString() is var authorization
        && authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)
        && authorization.AsSpan(BearerPrefix.Length).Count('.') == 2;

    private const string BearerPrefix = "Bearer ";

    private static void ConfigureJwt(JwtBearerOptions options, JwtSettings jwt)
    {
        options.MapInboundClaims = false;
        options.RequireHttpsMetadata = jwt.RequireHttpsMetadata;
        if (!string.IsNullOrWhiteSpace(jwt.Authority))
        {
            options.Authority = jwt.Authority;
        }

        // Start-up validation (JwtSettings) guarantees an audience unless AllowAnyAudience opts out, and an issuer
        // whenever a signing key is set; an authority's metadata supplies its own issuer.
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateAudience = !jwt.AllowAnyAudience,
            ValidAudience = jwt.Audience,
            ValidateIssuer = true,
            ValidIssuer = string.IsNullOrWhiteSpace(jwt.Issuer) ? null : jwt.Issuer,
            IssuerSigningKey = string.IsNullOrWhiteSpace(jwt.SigningKey) ? null : new SymmetricSecurityKey(Encoding.UTF8.GetBytes(jwt.SigningKey)),
        };
        options.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                if (JwtPrincipal.From(context.Principal!, jwt, out var failure) is { } principal)
                {
                    context.Principal = principal;
                }
                else
                {
                    context.Fail(failure!);
                }

                return Task.CompletedTask;
            },
        };
    }
}
