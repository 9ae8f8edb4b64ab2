using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Platform.ModelService.Chat;
using Platform.ModelService.Http;
using Platform.ModelService.Registry;
using Platform.ModelService.Telemetry;
using Platform.ModelService.Usage;

namespace Platform.ModelService.Apis;

public static class ChatCompletionsApi
{
    public static IEndpointRouteBuilder MapChatCompletionsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/chat/completions", CreateChatCompletionAsync)
            .WithName("CreateChatCompletion")
            .WithTags("Chat")
            .WithSummary("Chat completion through the configured provider, whole or streamed as server-sent events.")
            .Accepts<JsonObject>("application/json")
            .Produces(200, contentType: "text/event-stream")
            .ProducesOpenAiErrors(400, 404, 413, 429, 502, 503, 504);
        return app;
    }

    private static async Task<Results<Ok<JsonObject>, EmptyHttpResult, JsonHttpResult<OpenAiError>>> CreateChatCompletionAsync(
        HttpContext http, ChatProvider provider, ModelTelemetry telemetry, TokenQuotas quotas, UsageMeter meter, IOptions<ModelServingOptions> serving)
    {
        if (provider is not { Client: { } client, Connection: { } connection })
        {
            return ApiErrors.Error(StatusCodes.Status503ServiceUnavailable,
                $"No chat provider is configured. Set the connection string '{LlmConnection.SettingName}' to '{LlmConnection.ExpectedFormat}'.",
                code: "provider_not_configured");
        }

        // The client's disconnect, or ChatTimeout running out, cancels the upstream call: every await below
        // takes this token. (The HttpClient's own timeout ends at the response headers; this covers the body.)
        var aborted = http.RequestAborted;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        limit.CancelAfter(serving.Value.ChatTimeout);
        var cancellation = limit.Token;
        var measured = new ModelRequest(telemetry, "chat") { Model = connection.Model };
        try
        {
            ChatCompletionRequest request;
            using (var body = await JsonRequestBody.ReadObjectAsync(http, serving.Value.MaxRequestBodyBytes, cancellation))
            {
                request = ChatCompletionRequest.Parse(body.RootElement);
            }

            if (!provider.Serves(request.Model, out var notServed))
            {
                measured.Failed("model_not_found");
                return notServed;
            }

            var caller = ModelCaller.From(http);
            var quota = await quotas.CheckAsync(caller, tokens: 0);
            if (!quota.Allowed)
            {
                measured.Failed(quota.ExceededQuota!);
                return quota.Rejection(http.Response);
            }

            quota.WriteHeaders(http.Response);
            var metered = new MeteredChat(telemetry, meter, caller, connection.Model, request.Messages);
            if (!request.Stream)
            {
                var response = await client.GetResponseAsync(request.Messages, request.Options, cancellation);
                await metered.RecordAsync(response.Usage, response.Text.Length);
                return TypedResults.Ok(ChatCompletionJson.Completion(response, connection.Model));
            }

            return await StreamAsync(http, client, request, connection.Model, metered, cancellation, aborted);
        }
        catch (InvalidRequestException exception)
        {
            return measured.Rejected(exception);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            measured.Failed("cancelled");
            return TypedResults.Empty;
        }
        catch (Exception) when (limit.IsCancellationRequested && !http.Response.HasStarted)
        {
            measured.Failed("upstream_timeout");
            return UpstreamErrors.Timeout;
        }
        catch (Exception exception) when (!http.Response.HasStarted && UpstreamErrors.ToResult(exception) is { } error)
        {
            measured.Failed(error.Value?.Error.Code ?? "upstream_error");
            return error;
        }
        finally
        {
            measured.Complete();
        }
    }

    /// <summary>
    /// Streams updates as <c>data:</c> chunks ending with <c>data: [DONE]</c>. The first update is awaited before
    /// the response starts, so a provider that fails at once still gets a proper status code.
    /// </summary>
    private static async Task<EmptyHttpResult> StreamAsync(HttpContext http, IChatClient client, ChatCompletionRequest request,
        string model, MeteredChat metered, CancellationToken cancellation, CancellationToken aborted)
    {
        await using var updates = client.GetStreamingResponseAsync(request.Messages, request.Options, cancellation).GetAsyncEnumerator(cancellation);
        var hasUpdate = await updates.MoveNextAsync();

        SseWriter.Start(http.Response);
        var state = new ChatStreamState(model);
        await using var _ = metered;
        try
        {
            for (; hasUpdate; hasUpdate = await updates.MoveNextAsync())
            {
                metered.Streamed(updates.Current);
                if (ChatCompletionJson.Chunk(updates.Current, state) is { } chunk)
                {
                    await SseWriter.WriteAsync(http.Response, chunk.ToJsonString(), aborted);
                }
            }
        }
        catch (Exception exception) when (!aborted.IsCancellationRequested
            && (cancellation.IsCancellationRequested ? UpstreamErrors.Timeout : UpstreamErrors.ToResult(exception)) is { } error)
        {
            // Headers are gone: the error travels as a last event, as OpenAI does mid-stream.
            await SseWriter.WriteAsync(http.Response, System.Text.Json.JsonSerializer.Serialize(error.Value), aborted);
        }

        if (request.IncludeUsage)
        {
            await SseWriter.WriteAsync(http.Response, ChatCompletionJson.UsageChunk(state).ToJsonString(), aborted);
        }

        await metered.RecordAsync(state.Usage);
        await SseWriter.WriteAsync(http.Response, "[DONE]", aborted);
        return TypedResults.Empty;
    }
}
