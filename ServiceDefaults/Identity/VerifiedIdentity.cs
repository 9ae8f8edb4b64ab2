using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults.Identity;

/// <summary>An identity whose signature checked out, kept on the request for the handlers.</summary>
public sealed record VerifiedIdentity(string ClientId, string Scopes, string AgentId, string RequestId)
{
    public static VerifiedIdentity? Of(HttpContext context) => context.Features.Get<VerifiedIdentity>();
}

/// <summary>What the verifier concluded: the identity, or why it was refused (an OpenAI-style error code and message).</summary>
public readonly record struct IdentityVerdict(VerifiedIdentity? Identity, string Code, string Message)
{
    public static IdentityVerdict Accepted(VerifiedIdentity identity) => new(identity, "", "");

    public static IdentityVerdict Refused(string code, string message) => new(null, code, message);
}
