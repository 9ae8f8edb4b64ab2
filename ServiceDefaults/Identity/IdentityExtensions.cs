using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Platform.ServiceDefaults.Identity;

/// <summary>Signed identity between the services (docs/gateway.md, ADR 0035).</summary>
public static class IdentityExtensions
{
    /// <summary>The signer, for a service that forwards identities (the gateway, and agents calling models).</summary>
    public static TBuilder AddIdentitySigning<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddIdentityKeys();
        builder.Services.TryAddSingleton<IdentitySigner>();
        return builder;
    }

    /// <summary>The verifier and its middleware, for a service whose <c>/v1</c> routes act for a client.</summary>
    public static TBuilder RequireSignedIdentity<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddIdentityKeys();
        builder.Services.TryAddSingleton<IdentityVerifier>();
        builder.Services.TryAddSingleton<SignedIdentityMiddleware>();
        return builder;
    }

    public static IApplicationBuilder UseSignedIdentity(this IApplicationBuilder app) =>
        app.UseSingletonMiddleware<SignedIdentityMiddleware>();

    /// <summary>Signs the identity on this client's calls (<see cref="IdentitySigningHandler"/>); needs <see cref="AddIdentitySigning{TBuilder}"/>.</summary>
    public static IHttpClientBuilder AddIdentitySigningHandler(this IHttpClientBuilder builder) =>
        builder.AddHttpMessageHandler(services => ActivatorUtilities.CreateInstance<IdentitySigningHandler>(services));

    private static void AddIdentityKeys<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<PlatformIdentityOptions>()
            .BindConfiguration(PlatformIdentityOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
    }
}
