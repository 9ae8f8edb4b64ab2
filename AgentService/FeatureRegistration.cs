namespace Platform.AgentService;

/// <summary>
/// Each feature's <c>Add*</c> call registers everything that feature needs, including the features it builds on,
/// so any subset of calls in any order works; this check makes a second call for the same feature a no-op.
/// </summary>
internal static class FeatureRegistration
{
    public static bool AlreadyRegistered<TMarker>(this IServiceCollection services) =>
        services.Any(service => service.ServiceType == typeof(TMarker));
}
