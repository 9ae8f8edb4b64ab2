using System.ComponentModel.DataAnnotations;

namespace Platform.ModelService.Registry;

/// <summary>Service-wide limits and the embedding models this replica serves (section <c>ModelServing</c>).</summary>
public sealed class ModelServingOptions
{
    public const string Section = "ModelServing";

    /// <summary>Largest accepted request body on <c>/v1</c>; a larger body answers 413.</summary>
    [Range(1_024, 256L * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>End-to-end limit for one upstream chat call, streamed or not.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ChatTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Embedding models served in-process, keyed by the model id clients send.</summary>
    public Dictionary<string, EmbeddingModelOptions> EmbeddingModels { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
