using System.Reflection;
using Platform.AgentService.Quotas;

namespace Platform.AgentService.Apis;

/// <summary>
/// The client the gateway authenticated, from <see cref="PlatformHeaders.ClientId"/>. Every read and write is
/// scoped by it; the gateway always overwrites the header and NetworkPolicies let only the gateway reach us.
/// </summary>
public sealed record Caller(string ClientId)
{
    public const int MaxLength = 200;

    // Binding never fails (that would answer 400); the group's filter answers 401 before a handler sees an empty id.
    public static ValueTask<Caller?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        ValueTask.FromResult<Caller?>(From(context) ?? new Caller(""));

    public static Caller? From(HttpContext context) =>
        context.Request.Headers[PlatformHeaders.ClientId].ToString() is { Length: > 0 and <= MaxLength } id ? new Caller(id) : null;
}

public static class CallerFilter
{
    /// <summary>
    /// Answers 401 before any handler runs when the gateway did not name the client, answers an
    /// <see cref="InvalidRequestException"/> from a handler as its 400, and a write refused for lack of room (a quota,
    /// a full Redis) as its 429, 413, 403 or 507.
    /// </summary>
    public static RouteGroupBuilder RequireCaller(this RouteGroupBuilder group) =>
        group.HandleInvalidRequests().HandleRefusedWrites().AddEndpointFilter(async (context, next) => Caller.From(context.HttpContext) is null
            ? ApiErrors.Error(StatusCodes.Status401Unauthorized, $"The request carries no client identity ({PlatformHeaders.ClientId}).", code: "missing_client_id")
            : await next(context));
}
