using Microsoft.Extensions.Options;
using Platform.ModelService.Chat;

namespace Platform.ModelService.Registry;

/// <summary>Every model this replica serves: the configured embedding models and the chat provider's model.</summary>
public sealed class ModelRegistry(IOptions<ModelServingOptions> serving, IOptions<LlmSettings> llm)
{
    private readonly IReadOnlyList<ModelCard> _models =
    [
        .. serving.Value.EmbeddingModels.Keys.Order(StringComparer.Ordinal)
            .Select(id => new ModelCard(id, ModelKind.Embedding, ModelProvider.EmbeddedOnnx)),
        .. LlmConnection.TryParse(llm.Value.Llm) is { } connection
            ? [new ModelCard(connection.Model, ModelKind.Chat, ModelProvider.OpenAiCompatible)]
            : Array.Empty<ModelCard>(),
    ];

    /// <summary>When the process started, reported as every model's <c>created</c> time.</summary>
    public DateTimeOffset Created { get; } = DateTimeOffset.UtcNow;

    public IReadOnlyList<ModelCard> Models => _models;

    public ModelCard? Find(string id) =>
        _models.FirstOrDefault(model => string.Equals(model.Id, id, StringComparison.OrdinalIgnoreCase));
}
