using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Platform.ModelService.Registry;
using Platform.ModelService.Telemetry;

namespace Platform.ModelService.Embeddings;

/// <summary>The embedding models of this replica, by id, and the queue-depth gauge across them.</summary>
public sealed class EmbeddingModels : IAsyncDisposable
{
    private readonly Dictionary<string, EmbeddingModelHost> _hosts;

    private readonly ModelRegistry _registry;

    public EmbeddingModels(IOptions<ModelServingOptions> options, ModelRegistry registry, ModelTelemetry telemetry, ILoggerFactory loggerFactory)
    {
        _registry = registry;
        _hosts = options.Value.EmbeddingModels.ToDictionary(
            entry => entry.Key,
            entry => new EmbeddingModelHost(entry.Key, entry.Value, telemetry, loggerFactory.CreateLogger<EmbeddingModelHost>()),
            StringComparer.OrdinalIgnoreCase);

        telemetry.Meter.CreateObservableGauge("platform.models.queue.depth",
            () => _hosts.Values.Where(host => host.State == ModelState.Ready).Select(host =>
                new Measurement<int>(host.Batcher.QueuedInputs, new KeyValuePair<string, object?>(ModelTelemetry.ModelAttribute, host.Id))),
            "{input}", "Inputs waiting in the batch queue.");
        telemetry.Meter.CreateObservableGauge("platform.models.queue.capacity",
            () => _hosts.Values.Select(host =>
                new Measurement<int>(host.Options.QueueCapacity, new KeyValuePair<string, object?>(ModelTelemetry.ModelAttribute, host.Id))),
            "{input}", "Inputs the batch queue holds before requests are rejected with 429.");
        telemetry.Meter.CreateObservableGauge("platform.models.queue.tokens",
            () => _hosts.Values.Where(host => host.State == ModelState.Ready).Select(host =>
                new Measurement<long>(host.Batcher.QueuedTokens, new KeyValuePair<string, object?>(ModelTelemetry.ModelAttribute, host.Id))),
            "{token}", "Tokens of the inputs waiting in the batch queue (bounded by QueueTokenCapacity).");

        // Rejections start at zero so that their rate is 0, not absent, until the first one.
        foreach (var id in _hosts.Keys)
        {
            telemetry.InitializeRejections(id, ModelTelemetry.QueueFullReason);
            telemetry.InitializeRejections(id, ModelTelemetry.TenantShareReason);
        }
    }

    public IReadOnlyCollection<EmbeddingModelHost> All => _hosts.Values;

    public EmbeddingModelHost? Find(string id) => _hosts.GetValueOrDefault(id);

    /// <summary>The one lookup a request makes: the embedding model with this id, or the error to answer (404 for an unknown id, 400 for a chat model).</summary>
    public bool TryResolve(string id, [NotNullWhen(true)] out EmbeddingModelHost? host, [NotNullWhen(false)] out JsonHttpResult<OpenAiError>? error)
    {
        host = Find(id);
        error = host is not null ? null
            : _registry.Find(id) is null ? ApiErrors.ModelNotFound(id)
            : ApiErrors.WrongModelKind(id, "an embedding");
        return host is not null;
    }

    public bool AllReady => _hosts.Values.All(host => host.State == ModelState.Ready);

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts.Values)
        {
            await host.DisposeAsync();
        }
    }
}
