namespace Platform.ModelService.Embeddings;

/// <summary>
/// Loads and warms every embedding model in the background after start-up, so the process answers
/// liveness at once and readiness only once the models can serve.
/// </summary>
internal sealed class EmbeddingModelLoader(EmbeddingModels models) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() =>
    {
        foreach (var host in models.All)
        {
            if (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            host.LoadAndWarmUp();
        }
    }, stoppingToken);
}
