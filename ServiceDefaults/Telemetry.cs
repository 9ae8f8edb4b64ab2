using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Platform.ServiceDefaults;

/// <summary>OpenTelemetry for traces, metrics and logs, exported by OTLP when an endpoint is configured.</summary>
public static class Telemetry
{
    /// <summary>Activity sources and meters of the AI stack, listened to before any service uses them.</summary>
    public static readonly string[] AiSources = ["Experimental.Microsoft.Extensions.AI", "Microsoft.Extensions.AI", "Experimental.Microsoft.Agents.AI", "Microsoft.Agents.AI"];

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
                .AddPrometheusExporter())
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
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }
}
