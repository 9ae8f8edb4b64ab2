namespace Platform.ServiceDefaults;

/// <summary>
/// Headers that carry the caller's identity between the platform's services. The gateway removes every client-sent
/// <c>X-Platform-*</c> header; the identity headers are signed (<see cref="Identity.IdentityHeaders"/>).
/// </summary>
public static class PlatformHeaders
{
    /// <summary>Prefix of every internal header; none of them is accepted from a client.</summary>
    public const string Prefix = "X-Platform-";

    /// <summary>The authenticated client (tenant) a request is made for.</summary>
    public const string ClientId = "X-Platform-Client-Id";

    /// <summary>The client's scopes, space-separated.</summary>
    public const string Scopes = "X-Platform-Scopes";

    /// <summary>The agent a model call is made for, on calls from agent runs.</summary>
    public const string AgentId = "X-Platform-Agent-Id";
}
