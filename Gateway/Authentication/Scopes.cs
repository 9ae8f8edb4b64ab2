namespace Platform.Gateway.Authentication;

/// <summary>Scopes a client can hold; each is also the name of the authorization policy a route or endpoint sets.</summary>
public static class Scopes
{
    public const string Models = "models";
    public const string Agents = "agents";

    /// <summary>
    /// The key admin API (docs/gateway.md, "Keys and tenants"). Held only by keys that name it: never by the
    /// development key, never by a key created without it, never by a JWT.
    /// </summary>
    public const string Admin = "admin";

    /// <summary>Scopes of the proxied routes: what a key gets when its creator names none, and all a JWT can grant.</summary>
    public static readonly string[] Routed = [Models, Agents];

    public static readonly string[] All = [Models, Agents, Admin];

    public static bool IsKnown(string scope) => All.Contains(scope, StringComparer.Ordinal);
}
