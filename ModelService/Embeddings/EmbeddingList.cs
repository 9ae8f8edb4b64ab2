using System.Runtime.InteropServices;
using System.Text.Json.Serialization;

namespace Platform.ModelService.Embeddings;

/// <summary>The OpenAI embeddings response.</summary>
public sealed record EmbeddingList(
    [property: JsonPropertyName("data")] IReadOnlyList<EmbeddingItem> Data,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("usage")] EmbeddingUsage Usage)
{
    [JsonPropertyName("object")]
    public string Object => "list";

    public static EmbeddingList From(string model, float[][] vectors, bool base64, int promptTokens) =>
        new([.. vectors.Select((vector, index) => new EmbeddingItem(index, base64 ? ToBase64(vector) : vector))],
            model, new EmbeddingUsage(promptTokens, promptTokens));

    /// <summary>Little-endian float32 bytes, as OpenAI's <c>encoding_format=base64</c> defines them.</summary>
    private static string ToBase64(float[] vector) =>
        BitConverter.IsLittleEndian
            ? Convert.ToBase64String(MemoryMarshal.AsBytes(vector.AsSpan()))
            : throw new PlatformNotSupportedException("base64 embeddings need a little-endian host.");
}

public sealed record EmbeddingItem(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("embedding")] object Embedding)
{
    [JsonPropertyName("object")]
    public string Object => "embedding";
}

public sealed record EmbeddingUsage(
    [property: JsonPropertyName("prompt_tokens")] int PromptTokens,
    [property: JsonPropertyName("total_tokens")] int TotalTokens);
