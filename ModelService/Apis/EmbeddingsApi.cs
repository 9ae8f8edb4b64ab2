using System.Diagnostics;
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
            .WithSummary("Embeds one text or an array of texts with an in-process model (OpenAI wire format).");
        return app;
    }

    private static async Task<Results<Ok<EmbeddingList>, JsonHttpResult<OpenAiError>>> CreateEmbeddingsAsync(
        HttpContext http, EmbeddingModels models, ModelRegistry registry, ModelTelemetry telemetry,
        IOptions<ModelServingOptions> serving, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        // Only ids from the registry become metric labels; anything a client sends stays "unknown".
        var model = "unknown";
        string? errorType = null;
        try
        {
            using var body = await JsonRequestBody.ReadObjectAsync(http, serving.Value.MaxRequestBodyBytes, cancellationToken);
            var requested = body.RootElement.RequiredString("model");
            var host = models.Find(requested);
            if (host is null)
            {
                errorType = "model_not_found";
                return registry.Find(requested) is null
                    ? ApiErrors.ModelNotFound(requested)
                    : ApiErrors.Error(StatusCodes.Status400BadRequest, $"The model '{requested}' is not an embedding model.", "model", "wrong_model_kind");
            }

            model = host.Id;
            var request = EmbeddingRequest.Parse(body.RootElement, host.Options.MaxInputsPerRequest);
            if (host.State != ModelState.Ready)
            {
                errorType = "model_not_ready";
                return ApiErrors.ModelLoading(http, model);
            }

            if (request.Dimensions is { } dimensions && dimensions != host.Dimensions)
            {
                throw new InvalidRequestException($"The model '{model}' produces {host.Dimensions} dimensions; 'dimensions' cannot change that.", "dimensions");
            }

            using var activity = ModelTelemetry.Source.StartActivity($"embeddings {model}");
            activity?.SetTag(ModelTelemetry.OperationAttribute, "embeddings");
            activity?.SetTag(ModelTelemetry.ModelAttribute, model);

            var tokenized = host.Tokenize(request.Inputs);
            activity?.SetTag("gen_ai.usage.input_tokens", tokenized.Tokens);

            var vectors = await host.Batcher.EmbedAsync(tokenized.Ids, cancellationToken);
            telemetry.RecordTokens(model, "input", tokenized.Tokens);
            return TypedResults.Ok(EmbeddingList.From(model, vectors, request.Base64, tokenized.Tokens));
        }
        catch (InvalidRequestException exception)
        {
            errorType = exception.Code ?? "invalid_request";
            return ApiErrors.From(exception);
        }
        catch (QueueFullException exception)
        {
            errorType = "queue_full";
            return ApiErrors.QueueFull(http, exception.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            errorType = "cancelled";
            throw;
        }
        finally
        {
            telemetry.RecordRequest("embeddings", model, Stopwatch.GetElapsedTime(started), errorType);
        }
    }
}
