using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.ServiceDefaults;

/// <summary>
/// Publishes every health check's latest result as the gauge <c>platform.health.check.status</c>
/// (1 healthy, 0.5 degraded, 0 unhealthy, tagged by check), so alerts such as "Redis down" are written
/// against what each service really sees, in any environment.
/// </summary>
internal sealed class HealthCheckMetrics : IHealthCheckPublisher
{
    public const string MeterName = "Platform.Health";

    private readonly ConcurrentDictionary<string, double> _latest = new();

    public HealthCheckMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge(
            "platform.health.check.status",
            () => _latest.Select(entry => new Measurement<double>(entry.Value, new KeyValuePair<string, object?>("check", entry.Key))),
            description: "Latest result of each health check: 1 healthy, 0.5 degraded, 0 unhealthy.");
    }

    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        foreach (var (name, entry) in report.Entries)
        {
            _latest[name] = entry.Status switch
            {
                HealthStatus.Healthy => 1,
                HealthStatus.Degraded => 0.5,
                _ => 0,
            };
        }

        return Task.CompletedTask;
    }
}
