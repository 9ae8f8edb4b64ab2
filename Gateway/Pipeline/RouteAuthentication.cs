using Microsoft.AspNetCore.Authentication;

namespace Platform.Gateway.Pipeline;

/// <summary>
/// Authenticates a proxied request with the default scheme's handler, created from the application's services and
/// called directly: what <see cref="IAuthenticationService"/> does, without the per-request service scope, handler
/// cache and re-wrapped ticket it costs, as long as there is nothing it would add (no claims transformation).
/// The handler still forwards to another scheme (JWT) itself, through the service. Other endpoints, and the
/// 401/403 answers, use the service as before.
/// </summary>
public sealed class RouteAuthentication
{
    private readonly IServiceProvider _services;
    private readonly AuthenticationScheme? _direct;

    public RouteAuthentication(IServiceProvider services, IAuthenticationSchemeProvider schemes, IClaimsTransformation transformation)
    {
        _services = services;
        // Scheme registrations are fixed once the application is built; a claims transformation other than the
        // default one must run on every result, so the service does the work then.
        _direct = transformation is NoopClaimsTransformation ? schemes.GetDefaultAuthenticateSchemeAsync().GetAwaiter().GetResult() : null;
    }

    public Task<AuthenticateResult> AuthenticateAsync(HttpContext context) =>
        _direct is null ? context.AuthenticateAsync() : AuthenticateDirectlyAsync(context, _direct);

    private async Task<AuthenticateResult> AuthenticateDirectlyAsync(HttpContext context, AuthenticationScheme scheme)
    {
        var handler = (IAuthenticationHandler)_services.GetRequiredService(scheme.HandlerType);
        await handler.InitializeAsync(scheme, context);
        return await handler.AuthenticateAsync();
    }
}
