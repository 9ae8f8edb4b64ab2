using System.ComponentModel.DataAnnotations;

namespace Platform.Hosting.Kubernetes;

/// <summary>
/// The edge in front of the gateway: a Gateway API <c>Gateway</c> served by Envoy Gateway (ADR 0016), HTTPRoutes
/// whose timeouts and body limits come from the gateway's own routes, and a cert-manager Certificate.
/// </summary>
public sealed class EdgeOptions
{
    /// <summary>
    /// Added to each gateway route's timeout at the edge, so the gateway's own 504 (with an OpenAI-style body)
    /// reaches the client before the edge gives up. Default 5 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan TimeoutMargin { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a stream may carry no bytes before the edge closes it. Must stay above the services' SSE heartbeat
    /// interval (15 s by default), so a quiet agent run is never cut. Default 5 min (Envoy's own default).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:30", "01:00:00")]
    public TimeSpan StreamIdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long an idle client connection (no request in flight) stays open. Default 1 h.</summary>
    [Range(typeof(TimeSpan), "00:00:30", "1.00:00:00")]
    public TimeSpan ConnectionIdleTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Namespace of the edge proxies (Envoy Gateway's data plane), the only callers of the gateway from outside.</summary>
    [Required]
    public string ProxyNamespace { get; set; } = "envoy-gateway-system";
}
