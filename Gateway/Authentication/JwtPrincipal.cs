using System.Security.Claims;
using Platform.ServiceDefaults.Tenancy;

namespace Platform.Gateway.Authentication;

/// <summary>
/// What a validated token is allowed to say about its caller. The gateway builds a new principal holding only the
/// tenant and the routed scopes, so nothing else in the token counts: a <c>platform_client_id</c> claim of its own is
/// ignored, an <c>admin</c> scope is not granted, and the tenant is the first of <see cref="JwtSettings.ClientIdClaims"/>
/// in the issuer's namespace (<c>&lt;alias&gt;~&lt;client id&gt;</c>), never an API-key tenant.
/// </summary>
public static class JwtPrincipal
{
    public static ClaimsPrincipal? From(ClaimsPrincipal token, JwtSettings jwt, out string? failure)
    {
        var clientId = jwt.ClientIdClaims.Select(claim => token.FindFirst(claim)?.Value).FirstOrDefault(value => !string.IsNullOrWhiteSpace(value));
        if (clientId is null)
        {
            failure = $"The token names no client ({string.Join(", ", jwt.ClientIdClaims)}).";
            return null;
        }

        var tenant = jwt.TenantOf(clientId);
        if (!TenantIds.IsValidPart(clientId) || !TenantIds.IsValid(tenant))
        {
            failure = $"The token's client id must be at most {TenantIds.MaxLength - jwt.IssuerAlias.Length - 1} characters: {TenantIds.Charset}, starting with a letter or digit.";
            return null;
        }

        failure = null;
        Claim[] claims =
        [
            new(PlatformClaims.ClientId, tenant),
            .. Scopes.Routed.Where(scope => PlatformClaims.HasScope(token, scope)).Select(scope => new Claim(PlatformClaims.Scope, scope)),
        ];
        return new ClaimsPrincipal(new ClaimsIdentity(claims, AuthenticationExtensions.JwtSchemeName, PlatformClaims.ClientId, null));
    }
}
