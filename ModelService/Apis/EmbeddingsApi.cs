using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Platform.ModelService.Embeddings;
using Platform.ModelService.Http;
using Platform.ModelService.Registry;
using Platform.ModelService.Telemetry;
using Platform.ModelService.Usage;

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
        HttpContext http, EmbeddingModels models, ModelTelemetry telemetry, TokenQuotas quotas, UsageMeter meter,
        IOptions<ModelServingOptions> serving, CancellationToken cancellationToken)
    {
        var request = new ModelRequest(telemetry, "embeddings");
        try
        {
            var caller = ModelCaller.From(http);
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

            var tokenized = host.Tokenize(embeddings.Inputs);
            var quota = await quotas.CheckAsync(caller, tokenized.Tokens);
            if (!quota.Allowed)
            {
                request.Failed(quota.ExceededQuota!);
                return quota.Rejection(http.Response);
            }

            quota.WriteHeaders(http.Response);
            var result = await host.EmbedAsync(tokenized, caller.Tenant, cancellationToken);
            await meter.RecordAsync(caller, host.Id, "embeddings", new ModelUsage(result.Tokens, 0, embeddings.Inputs.Count));
            return TypedResults.Ok(EmbeddingList.From(host.Id, result.Vectors, embeddings.Base64, result.Tokens));
        }
        catch (InvalidRequestException exception)
        {
            return request.Rejected(exception);
        }
        catch (QueueFullException exception)
        {
            request.Failed(exception.TenantShare ? ModelTelemetry.TenantShareReason : ModelTelemetry.QueueFullReason);
            return ApiErrors.QueueFull(http, exception.Message, exception.TenantShare ? "queue_share_exceeded" : "queue_full");
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
