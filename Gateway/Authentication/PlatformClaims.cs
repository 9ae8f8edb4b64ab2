using System.Security.Claims;

namespace Platform.Gateway.Authentication;

/// <summary>The two facts the gateway needs about a caller, whichever credential it used.</summary>
public static class PlatformClaims
{
    public const string ClientId = "platform_client_id";
    public const string Scope = "scope";
    public const string ScopeShort = "scp";

    public static string? ClientIdOf(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirst(ClientId)?.Value : null;

    /// <summary>Scopes from <c>scope</c> or <c>scp</c> claims, each of which may hold several space-separated values.</summary>
    public static IEnumerable<string> ScopesOf(ClaimsPrincipal user) =>
        user.Claims
            .Where(claim => claim.Type is Scope or ScopeShort)
            .SelectMany(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
