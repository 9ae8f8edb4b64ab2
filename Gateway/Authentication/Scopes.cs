namespace Platform.Gateway.Authentication;

/// <summary>Scopes a client can hold; each is also the name of the authorization policy a route sets.</summary>
public static class Scopes
{
    public const string Models = "models";
    public const string Agents = "agents";

    public static readonly string[] All = [Models, Agents];
}
