using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Platform.ServiceDefaults;

/// <summary>OpenTelemetry for traces, metrics and logs, exported by OTLP when an endpoint is configured.</summary>
public static class Telemetry
{
    /// <summary>Activity sources and meters of the AI stack, listened to before any service uses them.</summary>
    public static readonly string[] AiSources = ["Experimental.Microsoft.Extensions.AI", "Microsoft.Extensions.AI", "Experimental.Microsoft.Agents.AI", "Microsoft.Agents.AI"];

    /// <summary>
    /// Instruments recorded on every request that no rule, dashboard or runbook reads; dropped so that their
    /// measurements are never taken (each costs a tag-set lookup on the hot path of every request).
    /// </summary>
    public static readonly string[] UnreadPerRequestInstruments =
        ["http.client.open_connections", "http.client.request.time_in_queue", "aspnetcore.routing.match_attempts"];

    /// <summary>Every activity source and meter whose name starts with this prefix is collected.</summary>
    public const string PlatformSourcePrefix = "Platform.";

    public static TBuilder ConfigurePlatformTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(PlatformSourcePrefix + "*")
                .AddMeter(AiSources)
                .AddPrometheusExporter()
                .AddView(instrument => UnreadPerRequestInstruments.Contains(instrument.Name) ? MetricStreamConfiguration.Drop : null))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource(PlatformSourcePrefix + "*")
                .AddSource(AiSources)
                .AddAspNetCoreInstrumentation(options =>
                    options.Filter = context => !PlatformEndpoints.IsOperational(context.Request.Path.Value))
                .AddHttpClientInstrumentation(options =>
                    options.FilterHttpRequestMessage = request => !PlatformEndpoints.IsOperational(request.RequestUri?.AbsolutePath)));

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            var telemetry = builder.Services.AddOpenTelemetry()
                .WithTracing(tracing => tracing.AddOtlpExporter())
                .WithLogging(logging => logging.AddOtlpExporter());

            // In a cluster Prometheus scrapes /metrics, so OTEL_METRICS_EXPORTER=prometheus keeps metrics off
            // OTLP and nothing is counted twice; locally the dashboard receives them over OTLP.
            if (ExportsMetricsOverOtlp(builder.Configuration["OTEL_METRICS_EXPORTER"]))
            {
                telemetry.WithMetrics(metrics => metrics.AddOtlpExporter());
            }
        }

        return builder;
    }

    /// <summary>Follows the OpenTelemetry <c>OTEL_METRICS_EXPORTER</c> convention: unset means OTLP.</summary>
    public static bool ExportsMetricsOverOtlp(string? metricsExporters) =>
        string.IsNullOrWhiteSpace(metricsExporters)
        || metricsExporters.Split(',', StringSplitOptions.TrimEntries).Contains("otlp", StringComparer.OrdinalIgnoreCase);
}
