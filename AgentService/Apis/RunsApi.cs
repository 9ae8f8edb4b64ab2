using Microsoft.Extensions.Options;
using Platform.AgentService.Agents;
using Platform.AgentService.Quotas;
using Platform.AgentService.Runs;
using Platform.AgentService.Threads;

namespace Platform.AgentService.Apis;

public static class RunsApi
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string LastEventIdHeader = "Last-Event-ID";

    public static IEndpointRouteBuilder MapRunsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/v1/threads").RequireCaller().ProducesOpenAiErrors(400, 401, 404).WithTags("Runs")
            .MapPost("/{threadId}/runs", CreateAsync).WithName("CreateRun")
            .WithSummary("Starts a run of an agent on the thread: background, streamed (SSE) or waited for.")
            .Produces<RunView>().Produces(200, contentType: "text/event-stream").ProducesOpenAiErrors(409, 413, 429, 507);

        var runs = app.MapGroup("/v1/runs").RequireCaller().ProducesOpenAiErrors(400, 401, 404).WithTags("Runs");
        runs.MapGet("/{id}", GetAsync).WithName("GetRun").WithSummary("Gets a run.").Produces<RunView>();
        runs.MapGet("/{id}/events", EventsAsync).WithName("StreamRunEvents")
            .WithSummary("The run's events as SSE, replayed from the start or after Last-Event-ID, then live until the run stops.")
            .Produces(200, contentType: "text/event-stream");
        runs.MapPost("/{id}/cancel", CancelAsync).WithName("CancelRun").WithSummary("Cancels a run; a running one stops at its next step.").Produces<RunView>().ProducesOpenAiErrors(409);
        runs.MapPost("/{id}/approvals", ApproveAsync).WithName("DecideRunApprovals").WithSummary("Approves or denies the run's pending tool calls and resumes it.").Produces<RunView>().ProducesOpenAiErrors(409);
        return app;
    }

    private static async Task<IResult> CreateAsync(
        string threadId, CreateRunRequest body, Caller caller, HttpContext context,
        ThreadStore threads, AgentStore agents, RunLauncher launcher, RunEventStream events, TenantLimits tenants, IOptions<RunOptions> options)
    {
        if (await threads.FindAsync(threadId, caller.ClientId) is not { } thread)
        {
            return ApiErrors.NotFound("thread", threadId);
        }

        if (string.IsNullOrWhiteSpace(body.AgentId))
        {
            return ApiErrors.Invalid("agent_id", "'agent_id' is required.");
        }

        if (string.IsNullOrWhiteSpace(body.Input))
        {
            return ApiErrors.Invalid("input", "'input' is required.");
        }

        if (body.Input.Length > options.Value.MaxInputChars)
        {
            return ApiErrors.TooLarge("input", $"'input' is longer than {options.Value.MaxInputChars} characters.");
        }

        var idempotencyKey = context.Request.Headers[IdempotencyKeyHeader].ToString();
        if (idempotencyKey.Length > 200)
        {
            return ApiErrors.Invalid(IdempotencyKeyHeader, "The Idempotency-Key header must be at most 200 characters.");
        }

        var strategy = MultitaskStrategies.Parse(body.MultitaskStrategy);

        if (await agents.FindAsync(body.AgentId, caller.ClientId) is not { } agent)
        {
            return ApiErrors.NotFound("agent", body.AgentId);
        }

        // A run is a use of its thread: the thread's retention starts again.
        await threads.TouchAsync(thread, (await tenants.ForAsync(caller.ClientId)).ThreadTtl);
        var result = await launcher.StartAsync(caller.ClientId, thread, agent, body, strategy, idempotencyKey.Length > 0 ? idempotencyKey : null);
        Run run;
        switch (result)
        {
            case RunLauncher.Result.Created created:
                run = created.Run;
                break;
            case RunLauncher.Result.Existing existing:
                run = existing.Run;
                break;
            case RunLauncher.Result.ThreadQueueFull:
                return ApiErrors.Conflict($"Thread '{threadId}' already has {options.Value.MaxWaitingRunsPerThread} runs waiting.", "thread_queue_full");
            default:
                return ApiErrors.Conflict($"Thread '{threadId}' already has an active run; wait for it, cancel it, or choose another multitask_strategy.", "thread_busy");
        }

        if (body.Stream)
        {
            await events.WriteAsync(context.Response, run.Id, after: null, context.RequestAborted);
            return TypedResults.Empty;
        }

        if (body.Background || result is RunLauncher.Result.Existing)
        {
            return TypedResults.Ok(RunView.From(run));
        }

        return TypedResults.Ok(RunView.From(await events.WaitAsync(run.Id, context.RequestAborted) ?? run));
    }

    private static async Task<IResult> GetAsync(string id, Caller caller, RunStore runs) =>
        await runs.FindAsync(id, caller.ClientId) is { } run ? TypedResults.Ok(RunView.From(run)) : ApiErrors.NotFound("run", id);

    private static async Task<IResult> EventsAsync(string id, string? after, Caller caller, HttpContext context, RunStore runs, RunEventStream events)
    {
        if (await runs.FindAsync(id, caller.ClientId) is null)
        {
            return ApiErrors.NotFound("run", id);
        }

        var fromHeader = context.Request.Headers[LastEventIdHeader].ToString() is { Length: > 0 } header ? header : null;
        var from = fromHeader ?? after;
        if (from is not null && !RunEventStream.EventIdPattern().IsMatch(from))
        {
            var param = fromHeader is null ? "after" : LastEventIdHeader;
            return ApiErrors.Invalid(param, $"{param} must be an event id from this stream (e.g. 1700000000000-0).");
        }

        await events.WriteAsync(context.Response, id, from, context.RequestAborted);
        return TypedResults.Empty;
    }

    private static async Task<IResult> CancelAsync(string id, Caller caller, RunStore runs, RunLifecycle lifecycle)
    {
        if (await runs.FindAsync(id, caller.ClientId) is not { } run)
        {
            return ApiErrors.NotFound("run", id);
        }

        if (run.IsTerminal)
        {
            return ApiErrors.Conflict($"Run '{id}' already ended ({RunStatusNames.Of(run.Status)}).", "run_finished");
        }

        // A queued or waiting run ends at once; a run a worker holds is ended by that worker, at its next step.
        return TypedResults.Ok(RunView.From(await lifecycle.CancelAsync(run, CancelReasons.ByClient)));
    }

    private static async Task<IResult> ApproveAsync(string id, ApprovalRequest body, Caller caller, RunStore runs, RunApprovals approvals)
    {
        if (await runs.FindAsync(id, caller.ClientId) is not { } run)
        {
            return ApiErrors.NotFound("run", id);
        }

        return await approvals.DecideAsync(run, body) switch
        {
            RunApprovals.Result.Resumed resumed => TypedResults.Ok(RunView.From(resumed.Run)),
            RunApprovals.Result.Invalid invalid => ApiErrors.Invalid(invalid.Param, invalid.Message),
            RunApprovals.Result.NotWaiting notWaiting => ApiErrors.Conflict(
                $"Run '{id}' is {RunStatusNames.Of(notWaiting.Run.Status)}, not waiting for approval.", "run_not_waiting"),
            _ => throw new InvalidOperationException(),
        };
    }
}
