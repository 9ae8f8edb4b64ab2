using System.ComponentModel.DataAnnotations;

namespace Platform.Hosting.Kubernetes;

/// <summary>
/// How a pod leaves: a <c>preStop</c> sleep while endpoints and the edge stop sending to it, then the host's
/// graceful shutdown (in-flight requests finish, streams end with a resumable event, runs go back to the queue).
/// <c>terminationGracePeriodSeconds</c> = <see cref="PreStopDelay"/> + <see cref="ShutdownTimeout"/> + <see cref="Margin"/>.
/// </summary>
public sealed class DrainOptions
{
    /// <summary>Time for the endpoint removal to reach every proxy before the process is told to stop. Default 10 s.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan PreStopDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The host's shutdown timeout (<c>DOTNET_shutdownTimeoutSeconds</c>): how long in-flight requests may take to
    /// finish. Default 100 s, the gateway's default route timeout.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Slack after the shutdown timeout for flushing telemetry and closing connections. Default 5 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan Margin { get; set; } = TimeSpan.FromSeconds(5);

    public long GracePeriodSeconds => (long)Math.Ceiling((PreStopDelay + ShutdownTimeout + Margin).TotalSeconds);
}
