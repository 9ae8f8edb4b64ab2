using Microsoft.AspNetCore.Authorization;

namespace Platform.Gateway.Authentication;

/// <summary>The caller must hold <see cref="Scope"/>; each route's authorization policy names one.</summary>
public sealed record ScopeRequirement(string Scope) : IAuthorizationRequirement;

public sealed class ScopeRequirementHandler : AuthorizationHandler<ScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        if (PlatformClaims.HasScope(context.User, requirement.Scope))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
