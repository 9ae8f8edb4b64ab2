using System.Reflection;
using Platform.AgentService.Quotas;
using Platform.ServiceDefaults.Identity;

namespace Platform.AgentService.Apis;

/// <summary>
/// The client the gateway authenticated, from the signed identity the <see cref="SignedIdentityMiddleware"/>
/// verified (<see cref="PlatformHeaders.ClientId"/> with its signature). Every read and write is scoped by it; an
/// unsigned, tampered or stale identity never reaches a handler, whoever sends it.
/// </summary>
public sealed record Caller(string ClientId)
{
    public const int MaxLength = 200;

    // Binding never fails (that would answer 400); the group's filter answers 401 before a handler sees an empty id.
    public static ValueTask<Caller?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        ValueTask.FromResult<Caller?>(From(context) ?? new Caller(""));

    public static Caller? From(HttpContext context) =>
        VerifiedIdentity.Of(context)?.ClientId is { Length: > 0 and <= MaxLength } id ? new Caller(id) : null;
}

public static class CallerFilter
{
    /// <summary>
    /// Answers 401 before any handler runs when no verified identity names the client (the identity middleware
    /// normally answers first), answers an <see cref="InvalidRequestException"/> from a handler as its 400, and a write
    /// refused for lack of room (a quota, a full Redis) as its 429, 413, 403 or 507.
    /// </summary>
    public static RouteGroupBuilder RequireCaller(this RouteGroupBuilder group) =>
        group.HandleInvalidRequests().HandleRefusedWrites().AddEndpointFilter(async (context, next) => Caller.From(context.HttpContext) is null
            ? ApiErrors.Error(StatusCodes.Status401Unauthorized, $"The request carries no verified client identity ({PlatformHeaders.ClientId}).", code: "missing_client_id")
            : await next(context));
}
