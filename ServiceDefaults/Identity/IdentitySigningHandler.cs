using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults.Identity;

/// <summary>
/// Signs the <c>X-Platform-*</c> identity on an outgoing service call. The client id is the one the request
/// already names, else the ambient <see cref="OnBehalfOf"/>, else the verified caller of the request being served;
/// a call on behalf of nobody goes out unsigned (and the callee refuses it). Any signature already on the request
/// is replaced, so a retried call is signed afresh.
/// </summary>
public sealed class IdentitySigningHandler(IdentitySigner signer, IHttpContextAccessor accessor) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = request.Headers;
        headers.Remove(IdentityHeaders.Timestamp);
        headers.Remove(IdentityHeaders.Signature);
        var context = accessor.HttpContext;
        var caller = context is null ? null : VerifiedIdentity.Of(context);
        var ambient = OnBehalfOf.Current;
        var clientId = Single(headers, PlatformHeaders.ClientId) ?? ambient?.ClientId ?? caller?.ClientId;
        if (clientId is null)
        {
            return base.SendAsync(request, cancellationToken);
        }

        var scopes = Single(headers, PlatformHeaders.Scopes) ?? (caller?.ClientId == clientId ? caller.Scopes : "");
        var agentId = Single(headers, PlatformHeaders.AgentId) ?? (ambient?.ClientId == clientId ? ambient.AgentId : "");
        var requestId = Single(headers, RequestIds.Header) ?? (context is null ? Guid.NewGuid().ToString("N") : RequestIds.Current(context));
        headers.Remove(PlatformHeaders.ClientId);
        headers.Remove(PlatformHeaders.Scopes);
        headers.Remove(PlatformHeaders.AgentId);
        headers.Remove(RequestIds.Header);
        headers.TryAddWithoutValidation(RequestIds.Header, requestId);
        signer.Sign(clientId, scopes, requestId, agentId, (name, value) => headers.TryAddWithoutValidation(name, value));
        return base.SendAsync(request, cancellationToken);
    }

    private static string? Single(HttpRequestHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) && values.ToArray() is [{ Length: > 0 } value] ? value : null;
}
