using System.Security.Claims;

namespace Platform.Gateway.Authentication;

/// <summary>The two facts the gateway needs about a caller, whichever credential it used.</summary>
public static class PlatformClaims
{
    public const string ClientId = "platform_client_id";
    public const string Scope = "scope";
    public const string ScopeShort = "scp";

    /// <summary>The id of a key issued through the admin API (absent for configured keys and JWTs).</summary>
    public const string KeyId = "platform_key_id";

    public static string? ClientIdOf(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirst(ClientId)?.Value : null;

    /// <summary>Whether <c>scope</c> or <c>scp</c> claims (each may hold several space-separated values) grant <paramref name="scope"/>.</summary>
    public static bool HasScope(ClaimsPrincipal user, string scope)
    {
        foreach (var claim in user.Claims)
        {
            if (claim.Type is not (Scope or ScopeShort))
            {
                continue;
            }

            foreach (var range in claim.Value.AsSpan().Split(' '))
            {
                if (claim.Value.AsSpan(range).SequenceEqual(scope))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
