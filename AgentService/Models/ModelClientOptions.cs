using System.ComponentModel.DataAnnotations;

namespace Platform.AgentService.Models;

/// <summary>Section <c>Models</c>: where the agent service reaches the <c>models</c> service.</summary>
public sealed class ModelClientOptions
{
    public const string Section = "Models";

    /// <summary>OpenAI-compatible base URL; <c>http://models/v1</c> resolves through service discovery.</summary>
    [Required, Url]
    public string BaseUrl { get; set; } = "http://models/v1";

    /// <summary>The models service sits behind the gateway's authentication, so the key is not checked there.</summary>
    [Required]
    public string ApiKey { get; set; } = "internal";

    [Required]
    public string EmbeddingModel { get; set; } = "all-minilm-l6-v2";

    /// <summary>End-to-end limit of one model call.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(5);
}
