using Microsoft.Extensions.Options;
using Platform.AgentService.Quotas;
using Platform.AgentService.Runs;
using Platform.AgentService.Threads;

namespace Platform.AgentService.Apis;

public static class ThreadsApi
{
    public static IEndpointRouteBuilder MapThreadsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/threads").RequireCaller().ProducesOpenAiErrors(400, 401, 404).WithTags("Threads");
        group.MapPost("/", CreateAsync).WithName("CreateThread").WithSummary("Creates a thread owned by the caller.").Produces<ThreadView>(201).ProducesOpenAiErrors(403, 413, 507);
        group.MapGet("/{id}", GetAsync).WithName("GetThread").WithSummary("Gets a thread.").Produces<ThreadView>();
        group.MapDelete("/{id}", DeleteAsync).WithName("DeleteThread").WithSummary("Deletes a thread and its history.").Produces<DeletedView>().ProducesOpenAiErrors(409);
        group.MapGet("/{id}/messages", MessagesAsync).WithName("ListThreadMessages").WithSummary("The thread's history, oldest first.").Produces<ListView<MessageView>>();
        return app;
    }

    // The body is optional: an empty POST creates a thread without metadata.
    private static async Task<IResult> CreateAsync(ThreadRequest? body, Caller caller, ThreadStore threads, TenantLimits tenants, IOptions<ThreadOptions> options)
    {
        options.Value.Validate(body?.Metadata);

        var thread = new AgentThread { Id = Ids.New("thread"), Owner = caller.ClientId, Metadata = body?.Metadata };
        await threads.CreateAsync(thread, await tenants.ForAsync(caller.ClientId));
        return TypedResults.Created($"/v1/threads/{thread.Id}", ThreadView.From(thread));
    }

    private static async Task<IResult> GetAsync(string id, Caller caller, ThreadStore threads, TenantLimits tenants)
    {
        if (await threads.FindAsync(id, caller.ClientId) is not { } thread)
        {
            return ApiErrors.NotFound("thread", id);
        }

        await threads.TouchAsync(thread, (await tenants.ForAsync(caller.ClientId)).ThreadTtl);
        return TypedResults.Ok(ThreadView.From(thread));
    }

    private static async Task<IResult> DeleteAsync(string id, Caller caller, ThreadStore threads, ThreadTurns turns)
    {
        if (await threads.FindAsync(id, caller.ClientId) is not { } thread)
        {
            return ApiErrors.NotFound("thread", id);
        }

        if (await turns.ActiveRunAsync(id) is { } runId)
        {
            return ApiErrors.Conflict($"Thread '{id}' has an active run '{runId}'; cancel it first.", "thread_busy");
        }

        await threads.DeleteAsync(thread);
        return TypedResults.Ok(new DeletedView(id, "thread.deleted", true));
    }

    private static async Task<IResult> MessagesAsync(string id, Caller caller, ThreadStore threads, TenantLimits tenants)
    {
        if (await threads.FindAsync(id, caller.ClientId) is not { } thread)
        {
            return ApiErrors.NotFound("thread", id);
        }

        await threads.TouchAsync(thread, (await tenants.ForAsync(caller.ClientId)).ThreadTtl);
        var messages = await threads.GetMessagesAsync(id);
        return TypedResults.Ok(ListView.Of(messages.Where(m => m.Role != Microsoft.Extensions.AI.ChatRole.System).SelectMany(MessageView.From)));
    }
}
