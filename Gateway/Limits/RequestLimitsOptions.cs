using System.ComponentModel.DataAnnotations;

namespace Platform.Gateway.Limits;

/// <summary>Size and time limits on every request (section <c>Limits</c>); routes may override body size and timeout.</summary>
public sealed class RequestLimitsOptions
{
    public const string Section = "Limits";

    /// <summary>Largest request body on a route that sets no <c>MaxRequestBodySize</c> of its own. Default 1 MiB.</summary>
    [Range(0, long.MaxValue)]
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Request timeout on a route that sets no <c>Timeout</c> or <c>TimeoutPolicy</c>. Default 100 s.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RouteTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Largest total size of request headers; larger requests get 431 from Kestrel. Default 32 KiB.</summary>
    [Range(1024, 1024 * 1024)]
    public int MaxRequestHeadersTotalBytes { get; set; } = 32 * 1024;

    /// <summary>Most request headers accepted; more get 431 from Kestrel. Default 100.</summary>
    [Range(8, 1000)]
    public int MaxRequestHeaderCount { get; set; } = 100;
}
