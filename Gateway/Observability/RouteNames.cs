using Yarp.ReverseProxy.Model;

namespace Platform.Gateway.Observability;

/// <summary>Low-cardinality labels for metrics: the YARP route id, never the raw path.</summary>
public static class RouteNames
{
    public const string Unmatched = "unmatched";
    public const string Anonymous = "anonymous";

    public static string Of(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>()?.Config.RouteId ?? Unmatched;
}
