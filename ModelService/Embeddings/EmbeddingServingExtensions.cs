using Platform.ModelService.Registry;
using Platform.ModelService.Telemetry;

namespace Platform.ModelService.Embeddings;

public static class EmbeddingServingExtensions
{
    /// <summary>In-process embedding models: loaded and warmed at start-up, batched, and part of readiness.</summary>
    public static IHostApplicationBuilder AddEmbeddingModels(this IHostApplicationBuilder builder)
    {
        builder.AddModelRegistry();
        builder.Services.TryAddSingleton<ModelTelemetry>();
        builder.Services.AddSingleton<EmbeddingModels>();
        builder.Services.AddHostedService<EmbeddingModelLoader>();
        builder.Services.AddHealthChecks().AddCheck<EmbeddingModelsHealthCheck>("embedding-models");
        return builder;
    }
}
