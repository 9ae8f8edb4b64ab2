namespace Platform.ServiceDefaults;

/// <summary>Paths every service serves for its platform (probes and scraping), never routed publicly.</summary>
public static class PlatformEndpoints
{
    public const string Live = "/health/live";
    public const string Ready = "/health/ready";
    public const string Metrics = "/metrics";

    /// <summary>True for probe and scrape paths, which stay out of traces and off the public surface.</summary>
    public static bool IsOperational(string? path) =>
        path is not null && (path.StartsWith("/health", StringComparison.OrdinalIgnoreCase)
            || path.StartsWith("/v2/health", StringComparison.OrdinalIgnoreCase)
            || path.StartsWith(Metrics, StringComparison.OrdinalIgnoreCase));
}
