using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.ModelService.Embeddings;
using Platform.ModelService.Registry;

namespace Platform.ModelService.Apis;

/// <summary>
/// Open Inference Protocol (KServe v2) health: 200 when live/ready, 503 when not, so inference tooling and
/// Kubernetes probes can use either these or <c>/health/*</c>. Readiness is the same set of checks.
/// </summary>
public static class InferenceHealthApi
{
    public static IEndpointRouteBuilder MapInferenceHealthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v2").WithTags("Inference");
        group.MapGet("/health/live", () => TypedResults.Ok(new LiveResponse(true)))
            .WithName("InferenceLive")
            .WithSummary("Open Inference Protocol liveness.")
            .DisableHttpMetrics();
        group.MapGet("/health/ready", ServerReadyAsync)
            .WithName("InferenceReady")
            .WithSummary("Open Inference Protocol readiness: every model loaded and warmed.")
            .DisableHttpMetrics();
        group.MapGet("/models/{id}/ready", ModelReady)
            .WithName("InferenceModelReady")
            .WithSummary("Open Inference Protocol readiness of one model.")
            .DisableHttpMetrics();
        return app;
    }

    private static async Task<JsonHttpResult<ReadyResponse>> ServerReadyAsync(HealthCheckService health, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(cancellationToken);
        var ready = report.Status == HealthStatus.Healthy;
        return TypedResults.Json(new ReadyResponse(ready), statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private static Results<JsonHttpResult<ModelReadyResponse>, NotFound<ModelReadyResponse>> ModelReady(
        string id, EmbeddingModels embeddings, ModelRegistry registry)
    {
        if (embeddings.Find(id) is { } host)
        {
            var ready = host.State == ModelState.Ready;
            return TypedResults.Json(new ModelReadyResponse(host.Id, ready), statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        }

        // Chat models are served by the upstream provider: ready as far as this replica can tell.
        return registry.Find(id) is { } model
            ? TypedResults.Json(new ModelReadyResponse(model.Id, true))
            : TypedResults.NotFound(new ModelReadyResponse(id, false));
    }
}

public sealed record LiveResponse([property: JsonPropertyName("live")] bool Live);

public sealed record ReadyResponse([property: JsonPropertyName("ready")] bool Ready);

public sealed record ModelReadyResponse(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("ready")] bool Ready);
