using System.ComponentModel.DataAnnotations;

namespace Platform.AgentService.Responses;

/// <summary>Section <c>Responses</c>: limits of the Responses and Conversations APIs.</summary>
public sealed class ResponsesOptions
{
    public const string Section = "Responses";

    /// <summary>Largest request body, in bytes (413 beyond); the gateway's own body limit applies first.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public long MaxRequestBytes { get; set; } = 1024 * 1024;

    /// <summary>Items in one <c>input</c> or one conversation <c>items</c> list.</summary>
    [Range(1, 10_000)]
    public int MaxInputItems { get; set; } = 256;

    /// <summary>Client function tools in one request.</summary>
    [Range(1, 1024)]
    public int MaxFunctionTools { get; set; } = 64;

    /// <summary>How long a cancel waits for a running response to stop before answering with it as it is.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan CancelWait { get; set; } = TimeSpan.FromSeconds(10);
}
