using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Platform.ServiceDefaults;

/// <summary>
/// Liveness answers "is the process up" (only checks tagged <see cref="LiveTag"/>);
/// readiness runs every registered check, so a dependency that goes away takes the
/// replica out of rotation without restarting it.
/// </summary>
public static class HealthEndpoints
{
    public const string LiveTag = "live";

    /// <summary>Configuration section of the health-check publisher that feeds the status gauge.</summary>
    public const string PublisherSection = "HealthChecks:Publisher";

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        builder.Services.AddSingleton<IHealthCheckPublisher, HealthCheckMetrics>();
        // How often the checks run for the platform_health_check_status gauge: after 2 s, then every 10 s by
        // default; HealthChecks:Publisher:Delay / :Period / :Timeout override it.
        builder.Services.AddOptions<HealthCheckPublisherOptions>()
            .Configure(options =>
            {
                options.Delay = TimeSpan.FromSeconds(2);
                options.Period = TimeSpan.FromSeconds(10);
            })
            .BindConfiguration(PublisherSection)
            .ValidateOnStart();
        return builder;
    }

    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(PlatformEndpoints.Live, new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(LiveTag),
            ResponseWriter = WriteReportAsync,
        }).DisableHttpMetrics();
        app.MapHealthChecks(PlatformEndpoints.Ready, new HealthCheckOptions
        {
            ResponseWriter = WriteReportAsync,
        }).DisableHttpMetrics();
        return app;
    }

    /// <summary>
    /// Each check's status and description. A failed check's exception message (a Redis host and port, a file path)
    /// is shown in Development only: elsewhere these endpoints are reachable by whatever reaches the pod, and the
    /// health-check log has it.
    /// </summary>
    private static Task WriteReportAsync(HttpContext context, HealthReport report)
    {
        var showErrors = context.RequestServices.GetRequiredService<IHostEnvironment>().IsDevelopment();
        return context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new { status = entry.Value.Status.ToString(), description = entry.Value.Description, error = showErrors ? entry.Value.Exception?.Message : null }),
        });
    }
}
