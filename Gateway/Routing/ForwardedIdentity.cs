using Microsoft.Net.Http.Headers;
using Platform.Gateway.Authentication;
using Yarp.ReverseProxy.Transforms;

namespace Platform.Gateway.Routing;

/// <summary>
/// What backends learn about the caller: the authenticated client id in <c>X-Platform-Client-Id</c>, set by the
/// gateway alone. The client's own credentials and any <c>X-Platform-*</c> header it sent are dropped, so a
/// client can neither forge its identity nor leak its key to a backend.
/// </summary>
public static class ForwardedIdentity
{
    public const string InternalHeaderPrefix = "X-Platform-";

    public static ValueTask ApplyAsync(RequestTransformContext context)
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

        if (PlatformClaims.ClientIdOf(context.HttpContext.User) is { } clientId)
        {
            RequestTransform.AddHeader(context, PlatformHeaders.ClientId, clientId);
        }

        return ValueTask.CompletedTask;
    }
}
