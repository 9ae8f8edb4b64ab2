namespace Platform.ModelService.Embeddings;

/// <summary>
/// The batch queue has no room for a request, or the caller's tenant already holds its share of it; callers answer
/// 429 instead of waiting longer.
/// </summary>
public sealed class QueueFullException(string model, bool tenantShare = false)
    : Exception(tenantShare
        ? $"Your requests already hold your share of the queue for model '{model}'; retry when they have run."
        : $"The queue for model '{model}' is full; retry shortly.")
{
    public bool TenantShare { get; } = tenantShare;
}
