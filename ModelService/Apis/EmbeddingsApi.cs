using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Platform.ModelService.Embeddings;
using Platform.ModelService.Http;
using Platform.ModelService.Registry;
using Platform.ModelService.Telemetry;

namespace Platform.ModelService.Apis;

public static class EmbeddingsApi
{
    public static IEndpointRouteBuilder MapEmbeddingsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/embeddings", CreateEmbeddingsAsync)
            .WithName("CreateEmbeddings")
            .WithTags("Embeddings")
            .WithSummary("Embeds one text or an array of texts with an in-process model (OpenAI wire format).")
            .Accepts<System.Text.Json.Nodes.JsonObject>("application/json")
            .ProducesOpenAiErrors(400, 404, 413, 429, 503);
        return app;
    }

    private static async Task<Results<Ok<EmbeddingList>, JsonHttpResult<OpenAiError>>> CreateEmbeddingsAsync(
        HttpContext http, EmbeddingModels models, ModelTelemetry telemetry, IOptions<ModelServingOptions> serving, CancellationToken cancellationToken)
    {
        var request = new ModelRequest(telemetry, "embeddings");
        try
        {
            using var body = await JsonRequestBody.ReadObjectAsync(http, serving.Value.MaxRequestBodyBytes, cancellationToken);
            if (!models.TryResolve(body.RootElement.RequiredString("model"), out var host, out var notServed))
            {
                request.Failed("model_not_found");
                return notServed;
            }

            request.Model = host.Id;
            var embeddings = EmbeddingRequest.Parse(body.RootElement, host.Options.MaxInputsPerRequest);
            if (host.State != ModelState.Ready)
            {
                request.Failed("model_not_ready");
                return ApiErrors.ModelLoading(http, host.Id);
            }

            if (embeddings.Dimensions is { } dimensions && dimensions != host.Dimensions)
            {
                throw new InvalidRequestException($"The model '{host.Id}' produces {host.Dimensions} dimensions; 'dimensions' cannot change that.", "dimensions");
            }

            var result = await host.EmbedAsync(embeddings.Inputs, cancellationToken);
            return TypedResults.Ok(EmbeddingList.From(host.Id, result.Vectors, embeddings.Base64, result.Tokens));
        }
        catch (InvalidRequestException exception)
        {
            return request.Rejected(exception);
        }
        catch (QueueFullException exception)
        {
            request.Failed("queue_full");
            return ApiErrors.QueueFull(http, exception.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            request.Failed("cancelled");
            throw;
        }
        finally
        {
            request.Complete();
        }
    }
}
