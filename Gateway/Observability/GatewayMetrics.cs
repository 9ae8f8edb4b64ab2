using System.Diagnostics.Metrics;

namespace Platform.Gateway.Observability;

/// <summary>
/// The gateway's own instruments (meter <c>Platform.Gateway</c>); docs/gateway.md lists them with their
/// Prometheus names.
/// </summary>
public sealed class GatewayMetrics
{
    public const string MeterName = "Platform.Gateway";

    private readonly Counter<long> _requests;
    private readonly Counter<long> _rejections;
    private readonly Counter<long> _rateLimitFallbacks;
    private readonly Counter<long> _retries;
    private readonly UpDownCounter<long> _activeStreams;

    public GatewayMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>("platform.gateway.requests",
            description: "Requests on the public /v1 surface by route, client (opted-in ids, other or anonymous) and response status.");
        _rejections = meter.CreateCounter<long>("platform.gateway.rejections",
            description: "Requests the gateway answered itself, by reason (unauthenticated, forbidden, body_too_large, rate_limited, streams_exceeded).");
        _rateLimitFallbacks = meter.CreateCounter<long>("platform.gateway.ratelimit.fallback",
            description: "Rate-limit decisions made by the per-replica limiter because Redis was unreachable.");
        _retries = meter.CreateCounter<long>("platform.gateway.upstream.retries",
            description: "Idempotent requests sent again to another replica after a transport failure.");
        _activeStreams = meter.CreateUpDownCounter<long>("platform.gateway.streams.active",
            description: "Streaming requests in flight on this replica.");
    }

    public void RequestCompleted(string route, string client, int status) =>
        _requests.Add(1, new("route", route), new("client", client), new("status_code", status));

    public void Rejected(RejectionReason reason, string route) =>
        _rejections.Add(1, new("reason", ReasonName(reason)), new("route", route));

    public void RateLimitFellBack(string limit) => _rateLimitFallbacks.Add(1, new KeyValuePair<string, object?>("limit", limit));

    public void Retried(string route) => _retries.Add(1, new KeyValuePair<string, object?>("route", route));

    public void StreamStarted() => _activeStreams.Add(1);

    public void StreamEnded() => _activeStreams.Add(-1);

    private static string ReasonName(RejectionReason reason) => reason switch
    {
        RejectionReason.Unauthenticated => "unauthenticated",
        RejectionReason.Forbidden => "forbidden",
        RejectionReason.BodyTooLarge => "body_too_large",
        RejectionReason.RateLimited => "rate_limited",
        RejectionReason.StreamsExceeded => "streams_exceeded",
        _ => "other",
    };
}

public enum RejectionReason
{
    Unauthenticated,
    Forbidden,
    BodyTooLarge,
    RateLimited,
    StreamsExceeded,
}

public static class GatewayMetricsExtensions
{
    /// <summary>The gateway's instruments; <see cref="Pipeline.GatewayRequestMiddleware"/> counts every public request.</summary>
    public static WebApplicationBuilder AddGatewayMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<GatewayMetricsOptions>().BindConfiguration(GatewayMetricsOptions.Section).ValidateOnStart();
        builder.Services.TryAddSingleton<GatewayMetrics>();
        return builder;
    }
}
