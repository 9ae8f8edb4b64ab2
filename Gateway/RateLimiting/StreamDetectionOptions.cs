using System.ComponentModel.DataAnnotations;

namespace Platform.Gateway.RateLimiting;

/// <summary>How the gateway tells a streaming request from another (section <c>StreamDetection</c>).</summary>
public sealed class StreamDetectionOptions
{
    public const string Section = "StreamDetection";

    /// <summary>
    /// Most bytes of a request body read into memory to find a top-level <c>"stream": true</c>; the rest is forwarded
    /// as it arrives, never buffered or written to disk. A body that does not settle the flag within this prefix
    /// counts as a stream. Default 65536 (64 KiB).
    /// </summary>
    [Range(1024, 1024 * 1024)]
    public int InspectedBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Path endings of routes that always answer with a stream (<c>GET /v1/runs/{id}/events</c>). Default <c>/events</c>.</summary>
    public List<string> StreamingPathSuffixes { get; set; } = ["/events"];
}
