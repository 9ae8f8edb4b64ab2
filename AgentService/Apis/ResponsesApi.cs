using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Platform.AgentService.Agents;
using Platform.AgentService.Responses;
using Platform.AgentService.Runs;

namespace Platform.AgentService.Apis;

/// <summary>The OpenAI Responses API on durable runs (docs/agents.md, "Responses API").</summary>
public static class ResponsesApi
{
    public static IEndpointRouteBuilder MapResponsesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/responses").RequireCaller().ProducesOpenAiErrors(400, 401, 404).WithTags("Responses");
        group.MapPost("/", CreateAsync).WithName("CreateResponse")
            .WithSummary("Creates a response from an agent (model = agent id) or a model: waited for, streamed (SSE) or in the background.")
            .Accepts<CreateResponseBody>("application/json")
            .Produces<ResponseView>().Produces(200, contentType: "text/event-stream").ProducesOpenAiErrors(409, 413);
        group.MapGet("/{id}", GetAsync).WithName("GetResponse")
            .WithSummary("Gets a response; with stream=true, its events as SSE after sequence number starting_after, then live.")
            .Produces<ResponseView>().Produces(200, contentType: "text/event-stream");
        group.MapDelete("/{id}", DeleteAsync).WithName("DeleteResponse").WithSummary("Deletes an ended response.").Produces<DeletedView>().ProducesOpenAiErrors(409);
        group.MapPost("/{id}/cancel", CancelAsync).WithName("CancelResponse").WithSummary("Cancels a response in progress.").Produces<ResponseView>().ProducesOpenAiErrors(409);
        group.MapGet("/{id}/input_items", InputItemsAsync).WithName("ListResponseInputItems")
            .WithSummary("The response's input items (order, limit, after).").Produces<ItemListView>();
        return app;
    }

    private static async Task<IResult> CreateAsync(
        HttpContext context, Caller caller, ResponseLauncher launcher, ResponseStreams streams, RunEventStream events, RunStore runs, ResponseRemoval removal,
        ResponseTelemetry telemetry, IOptions<ResponsesOptions> options, IOptions<AgentOptions> agentOptions)
    {
        ResponseRequest request;
        using (var body = await JsonRequestBody.ReadObjectAsync(context, options.Value.MaxRequestBytes, context.RequestAborted))
        {
            request = ResponseRequestParser.Parse(body.RootElement, options.Value, agentOptions.Value.MaxInstructionsChars);
        }

        var record = await launcher.StartAsync(caller.ClientId, request);
        telemetry.Created(request);
        if (request.Stream)
        {
            await streams.WriteAsync(context.Response, record, startingAfter: -1, context.RequestAborted);
            await ForgetUnlessStoredAsync(record, runs, removal);
            return TypedResults.Empty;
        }

        if (!request.Background)
        {
            await events.WaitAsync(record.RunId, context.RequestAborted);
        }

        var view = await streams.ViewAsync(record);
        await ForgetUnlessStoredAsync(record, runs, removal);
        return TypedResults.Ok(view);
    }

    // Query values are bound as text (binding never fails) and parsed here, so a bad one gets an OpenAI-style 400.
    private static async Task<IResult> GetAsync(
        string id, [FromQuery(Name = "stream")] string? streamFlag, [FromQuery(Name = "starting_after")] string? startingAfterText,
        HttpContext context, Caller caller, ResponseStore responses, RunStore runs, ResponseStreams streams, ResponseTelemetry telemetry)
    {
        if (await FindAsync(id, caller, responses, runs) is not { } found)
        {
            return ApiErrors.NotFound("response", id);
        }

        var record = found.Record;
        var stream = streamFlag is { Length: > 0 }
            ? bool.TryParse(streamFlag, out var parsed) ? parsed : throw new InvalidRequestException("'stream' must be true or false.", "stream")
            : false;
        var startingAfter = -1;
        if (startingAfterText is { Length: > 0 } && (!int.TryParse(startingAfterText, out startingAfter) || startingAfter < -1))
        {
            throw new InvalidRequestException("'starting_after' must be a sequence number (an integer of at least 0).", "starting_after");
        }

        if (!stream)
        {
            return TypedResults.Ok(await streams.ViewAsync(record));
        }

        if (startingAfter >= 0)
        {
            telemetry.Resumed();
        }

        await streams.WriteAsync(context.Response, record, startingAfter, context.RequestAborted);
        return TypedResults.Empty;
    }

    private static async Task<IResult> DeleteAsync(string id, Caller caller, ResponseStore responses, RunStore runs, ResponseRemoval removal)
    {
        if (await FindAsync(id, caller, responses, runs) is not ({ } record, { } run))
        {
            return ApiErrors.NotFound("response", id);
        }

        if (!run.IsTerminal)
        {
            return ApiErrors.Conflict($"Response '{id}' is in progress; cancel it first.", "response_in_progress");
        }

        await removal.RemoveAsync(record);
        return TypedResults.Ok(new DeletedView(id, "response", true));
    }

    private static async Task<IResult> CancelAsync(
        string id, HttpContext context, Caller caller, ResponseStore responses, RunStore runs, RunLifecycle lifecycle, RunEventStream events,
        ResponseStreams streams, IOptions<ResponsesOptions> options)
    {
        if (await FindAsync(id, caller, responses, runs) is not ({ } record, { } run))
        {
            return ApiErrors.NotFound("response", id);
        }

        if (run.IsTerminal)
        {
            return ApiErrors.Conflict($"Response '{id}' has already ended.", "response_finished");
        }

        // A queued response ends at once; a running one is ended by its worker, which this waits for a moment.
        await lifecycle.CancelAsync(run, CancelReasons.ByClient);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        wait.CancelAfter(options.Value.CancelWait);
        try
        {
            await events.WaitAsync(record.RunId, wait.Token);
        }
        catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
        {
            // Still stopping: the response is answered as it is now and ends as cancelled shortly.
        }

        return TypedResults.Ok(await streams.ViewAsync(record));
    }

    private static async Task<IResult> InputItemsAsync(
        string id, [FromQuery] string? order, [FromQuery] string? limit, [FromQuery] string? after,
        HttpContext context, Caller caller, ResponseStore responses, RunStore runs)
    {
        if (await FindAsync(id, caller, responses, runs) is not ({ } record, _))
        {
            return ApiErrors.NotFound("response", id);
        }

        var items = record.Input.Select((item, index) => ItemView.From(item, ItemView.IdFor(item.Type, record.Id, $"in{index}"))).ToList();
        return TypedResults.Ok(ItemListView.Page(items, context.Request.Query));
    }

    /// <summary>
    /// The caller's response and its run. A response whose run has expired (<c>Runs:RetainFor</c> after it ended) is
    /// gone with it, though its record may be kept a little longer.
    /// </summary>
    private static async Task<(ResponseRecord Record, Run Run)?> FindAsync(string id, Caller caller, ResponseStore responses, RunStore runs) =>
        await responses.FindAsync(id, caller.ClientId) is { } record && await runs.GetAsync(record.RunId) is { } run ? (record, run) : null;

    /// <summary>A response with <c>store: false</c> is removed once it has ended and been answered.</summary>
    private static async Task ForgetUnlessStoredAsync(ResponseRecord record, RunStore runs, ResponseRemoval removal)
    {
        if (!record.Store && await runs.GetAsync(record.RunId) is { IsTerminal: true })
        {
            await removal.RemoveAsync(record);
        }
    }
}
