namespace Platform.Gateway.Observability;

/// <summary>
/// Section <c>GatewayMetrics</c>. The <c>client</c> label of the request counter is bounded: a client id appears only
/// when listed here (opt-in), every other authenticated client counts as <c>other</c>, so <c>/metrics</c> neither
/// lists the platform's clients nor grows a series per key or token.
/// </summary>
public sealed class GatewayMetricsOptions
{
    public const string Section = "GatewayMetrics";
    public const string OtherClients = "other";

    /// <summary>Client ids that get their own <c>client</c> label value. Default none.</summary>
    public HashSet<string> LabelledClients { get; set; } = new(StringComparer.Ordinal);

    public string ClientLabelFor(string? clientId) => clientId switch
    {
        null => RouteNames.Anonymous,
        _ when LabelledClients.Contains(clientId) => clientId,
        _ => OtherClients,
    };
}
