using System.Security.Claims;
using Microsoft.Net.Http.Headers;
using Platform.Gateway.Authentication;
using Platform.ServiceDefaults.Identity;
using Yarp.ReverseProxy.Transforms;

namespace Platform.Gateway.Routing;

/// <summary>
/// What backends learn about the caller: the authenticated client id and its scopes, signed together with the
/// request id and the time (<see cref="IdentitySigner"/>), set by the gateway alone. The client's own credentials
/// and any <c>X-Platform-*</c> header it sent are dropped, so a client can neither forge its identity nor leak its
/// key to a backend, and a backend can tell the gateway's word from anyone else's.
/// </summary>
public static class ForwardedIdentity
{
    public const string InternalHeaderPrefix = PlatformHeaders.Prefix;

    public static ValueTask ApplyAsync(RequestTransformContext context, IdentitySigner signer)
    {
        RequestTransform.RemoveHeader(context, HeaderNames.Authorization);
        RequestTransform.RemoveHeader(context, ApiKeyAuthenticationHandler.HeaderName);
        foreach (var name in context.HttpContext.Request.Headers.Keys)
        {
            if (name.StartsWith(InternalHeaderPrefix, StringComparison.OrdinalIgnoreCase))
            {
                RequestTransform.RemoveHeader(context, name);
            }
        }

        var user = context.HttpContext.User;
        if (PlatformClaims.ClientIdOf(user) is { } clientId)
        {
            // The signature covers the request id, so exactly the id the request-id middleware accepted is forwarded.
            var requestId = RequestIds.Current(context.HttpContext);
            RequestTransform.RemoveHeader(context, RequestIds.Header);
            RequestTransform.AddHeader(context, RequestIds.Header, requestId);
            signer.Sign(clientId, ScopesOf(user), requestId, agentId: "",
                (name, value) => RequestTransform.AddHeader(context, name, value));
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Every granted scope, space-separated, in a stable order.</summary>
    private static string ScopesOf(ClaimsPrincipal user) => string.Join(' ', user.Claims
        .Where(claim => claim.Type is PlatformClaims.Scope or PlatformClaims.ScopeShort)
        .SelectMany(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        .Distinct(StringComparer.Ordinal)
        .Order(StringComparer.Ordinal));
}
