namespace Platform.ModelService.Embeddings;

/// <summary>The batch queue has no room for a request; callers answer 429 instead of waiting longer.</summary>
public sealed class QueueFullException(string model)
    : Exception($"The queue for model '{model}' is full; retry shortly.");
