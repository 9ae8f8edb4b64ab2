using Microsoft.Extensions.Options;
using Platform.Gateway.Authentication;
using Yarp.ReverseProxy.Configuration;

namespace Platform.Gateway.Limits;

/// <summary>
/// Checks every configured route and fills in the defaults it leaves out: a route must require a scope and must
/// not expose operational paths, and it gets the default body limit and timeout unless it sets its own.
/// </summary>
public sealed class RouteDefaults(IOptions<RequestLimitsOptions> limits) : IProxyConfigFilter
{
    public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel) => ValueTask.FromResult(cluster);

    public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel)
    {
        if (string.IsNullOrWhiteSpace(route.AuthorizationPolicy)
            || route.AuthorizationPolicy.Equals("Anonymous", StringComparison.OrdinalIgnoreCase)
            || route.AuthorizationPolicy.Equals("Default", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"Route '{route.RouteId}' must set 'AuthorizationPolicy' to a scope; the gateway routes no anonymous paths.");
        }

        // Policy names are matched without regard to case, scopes exactly: the route keeps the scope's own spelling.
        var scope = Array.Find(Scopes.All, scope => scope.Equals(route.AuthorizationPolicy, StringComparison.OrdinalIgnoreCase));
        if (scope is null)
        {
            throw new InvalidOperationException(
                $"Route '{route.RouteId}' sets 'AuthorizationPolicy' to '{route.AuthorizationPolicy}', which is not a scope ({string.Join(", ", Scopes.All)}).");
        }

        if (PlatformEndpoints.IsOperational(route.Match.Path))
        {
            throw new InvalidOperationException(
                $"Route '{route.RouteId}' matches '{route.Match.Path}'; health and metrics paths of backends are never routed.");
        }

        var hasTimeout = route.Timeout is not null || !string.IsNullOrEmpty(route.TimeoutPolicy);
        return ValueTask.FromResult(route with
        {
            AuthorizationPolicy = scope,
            MaxRequestBodySize = route.MaxRequestBodySize ?? limits.Value.MaxRequestBodyBytes,
            Timeout = hasTimeout ? route.Timeout : limits.Value.RouteTimeout,
        });
    }
}
