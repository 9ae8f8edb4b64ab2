using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.Gateway.Health;

/// <summary>
/// The gateway keeps serving when Redis goes away (rate limits fall back to per-replica counters), so an
/// unreachable Redis reports Degraded, still shown in <c>/health/ready</c>, instead of taking every gateway
/// replica out of rotation at once.
/// </summary>
public static class RedisReadiness
{
    public static WebApplicationBuilder DegradeReadinessWithoutRedis(this WebApplicationBuilder builder)
    {
        builder.Services.PostConfigure<HealthCheckServiceOptions>(options =>
        {
            foreach (var registration in options.Registrations.Where(r => r.Name.Contains("redis", StringComparison.OrdinalIgnoreCase)))
            {
                registration.FailureStatus = HealthStatus.Degraded;
            }
        });
        return builder;
    }
}
