using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Platform.Gateway.Observability;

namespace Platform.Gateway.Authentication;

/// <summary>
/// Turns authorization outcomes into OpenAI-style errors: 401 when credentials are missing or wrong, 403 when
/// the client lacks the route's scope; both carry <c>WWW-Authenticate</c> and are counted by reason. A key that cannot
/// be checked because the key store is unreachable gets 503: it may be valid.
/// </summary>
public sealed class OpenAiAuthorizationResultHandler(GatewayMetrics metrics) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult) =>
        authorizeResult.Challenged || authorizeResult.Forbidden
            ? RejectAsync(context, authorizeResult)
            : _default.HandleAsync(next, context, policy, authorizeResult);

    private async Task RejectAsync(HttpContext context, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Challenged)
        {
            // Handlers cache their result per request, so this does not authenticate twice.
            var failure = (await context.AuthenticateAsync()).Failure;
            if (failure is Keys.KeyStoreUnavailableException unavailable)
            {
                context.Response.Headers.RetryAfter = "5";
                await WriteAsync(context, StatusCodes.Status503ServiceUnavailable, unavailable.Message, "key_store_unavailable");
                return;
            }

            await context.ChallengeAsync();
            metrics.Rejected(RejectionReason.Unauthenticated, RouteNames.Of(context));
            var message = failure switch
            {
                null => "You didn't provide an API key. Send it as 'Authorization: Bearer <key>' or 'api-key: <key>'.",
                AuthenticationFailureException apiKeyFailure => apiKeyFailure.Message,
                _ => "The bearer token is invalid or has expired.",
            };
            await WriteAsync(context, StatusCodes.Status401Unauthorized, message, "invalid_api_key");
            return;
        }

        if (authorizeResult.Forbidden)
        {
            var missing = authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<ScopeRequirement>().Select(r => r.Scope).ToArray() ?? [];
            var scope = string.Join(' ', missing);
            context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"platform\", error=\"insufficient_scope\", scope=\"{scope}\"";
            metrics.Rejected(RejectionReason.Forbidden, RouteNames.Of(context));
            await WriteAsync(context, StatusCodes.Status403Forbidden,
                $"This client is not allowed to use this route; it needs the scope '{scope}'.", "insufficient_scope");
        }
    }

    private static async Task WriteAsync(HttpContext context, int status, string message, string code)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(OpenAiError.From(status, message, code: code));
    }
}
