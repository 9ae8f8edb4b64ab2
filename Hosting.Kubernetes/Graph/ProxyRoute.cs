using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Platform.Hosting.Kubernetes.Graph;

/// <summary>
/// One route of a YARP gateway as its own configuration defines it: the path, the request-body limit and the
/// timeout it enforces (its own or the gateway's <c>Limits</c> default). The edge in front must allow at least as
/// much, or it cuts requests the gateway accepts.
/// </summary>
public sealed record ProxyRoute(string Id, string Path, long MaxRequestBodyBytes, TimeSpan Timeout)
{
    public const string RoutesSection = "ReverseProxy:Routes";
    public const string DefaultBodyLimitKey = "Limits:MaxRequestBodyBytes";
    public const string DefaultTimeoutKey = "Limits:RouteTimeout";

    /// <summary>YARP's catch-all segment; a path ending in it matches by prefix.</summary>
    private const string CatchAll = "/{**";

    public bool IsPrefix => Path.Contains(CatchAll, StringComparison.Ordinal);

    /// <summary>The literal part of the path: the prefix for catch-all routes, the whole path otherwise.</summary>
    public string Literal => IsPrefix ? Path[..Path.IndexOf(CatchAll, StringComparison.Ordinal)] : Path;

    public static IReadOnlyList<ProxyRoute> Read(IConfiguration settings, string workload)
    {
        var routes = settings.GetSection(RoutesSection).GetChildren().ToList();
        if (routes.Count == 0)
        {
            return [];
        }

        var defaultBody = long.Parse(settings.Required(workload, DefaultBodyLimitKey), CultureInfo.InvariantCulture);
        var defaultTimeout = TimeSpan.Parse(settings.Required(workload, DefaultTimeoutKey), CultureInfo.InvariantCulture);
        return [.. routes
            .Select(route => new ProxyRoute(
                route.Key,
                route.Required(workload, "Match:Path"),
                route["MaxRequestBodySize"] is { Length: > 0 } body ? long.Parse(body, CultureInfo.InvariantCulture) : defaultBody,
                route["Timeout"] is { Length: > 0 } timeout ? TimeSpan.Parse(timeout, CultureInfo.InvariantCulture) : defaultTimeout))
            .OrderBy(route => route.Id, StringComparer.Ordinal)];
    }
}
