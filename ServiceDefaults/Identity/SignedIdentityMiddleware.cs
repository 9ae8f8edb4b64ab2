using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Platform.ServiceDefaults.Identity;

/// <summary>
/// Refuses every <c>/v1</c> request whose identity is missing, unsigned, tampered with or stale with a 401, before
/// any handler runs; an accepted identity is kept on the request (<see cref="VerifiedIdentity.Of"/>). Health,
/// metrics and the OpenAPI document need no identity.
/// </summary>
public sealed partial class SignedIdentityMiddleware(IdentityVerifier verifier, ILogger<SignedIdentityMiddleware> logger) : IMiddleware
{
    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!PlatformErrors.IsOpenAiRoute(context))
        {
            return next(context);
        }

        var verdict = verifier.Verify(context.Request.Headers);
        if (verdict.Identity is null)
        {
            LogRefused(logger, context.Request.Method, context.Request.Path, verdict.Code, context.Connection.RemoteIpAddress?.ToString());
            return ApiErrors.Error(StatusCodes.Status401Unauthorized, verdict.Message, code: verdict.Code).ExecuteAsync(context);
        }

        context.Features.Set(verdict.Identity);
        return next(context);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Method} {Path}: {Reason} (peer {Peer})")]
    private static partial void LogRefused(ILogger logger, string method, PathString path, string reason, string? peer);
}
