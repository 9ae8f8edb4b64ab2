using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.ModelService.Embeddings;

/// <summary>Ready only when every embedding model is loaded and warmed up.</summary>
internal sealed class EmbeddingModelsHealthCheck(EmbeddingModels models) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // The state alone: why a model failed to load is in the log (EmbeddingModelHost logs it), not on a probe endpoint.
        var states = models.All.ToDictionary(host => host.Id, host => (object)host.State.ToString());
        var result = models.AllReady
            ? HealthCheckResult.Healthy("Every embedding model is loaded and warmed up.", states)
            : HealthCheckResult.Unhealthy(
                "Not ready: " + string.Join("; ", states.Where(state => state.Value is not "Ready").Select(state => $"{state.Key} {state.Value}")),
                data: states);
        return Task.FromResult(result);
    }
}
