using Platform.AgentService.Quotas;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Platform.AgentService.Responses;
using Platform.AgentService.Runs;
using Platform.AgentService.Threads;

namespace Platform.AgentService.Apis;

/// <summary>The OpenAI Conversations API: a conversation is a thread (docs/agents.md, "Responses API").</summary>
public static class ConversationsApi
{
    public static IEndpointRouteBuilder MapConversationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/conversations").RequireCaller().ProducesOpenAiErrors(400, 401, 404).WithTags("Conversations");
        group.MapPost("/", CreateAsync).WithName("CreateConversation").WithSummary("Creates a conversation, optionally with metadata and first items.")
            .Accepts<CreateConversationBody>("application/json").Produces<ConversationView>().ProducesOpenAiErrors(413);
        group.MapGet("/{id}", GetAsync).WithName("GetConversation").WithSummary("Gets a conversation.").Produces<ConversationView>();
        group.MapPost("/{id}", UpdateAsync).WithName("UpdateConversation").WithSummary("Replaces a conversation's metadata.")
            .Accepts<UpdateConversationBody>("application/json").Produces<ConversationView>();
        group.MapDelete("/{id}", DeleteAsync).WithName("DeleteConversation").WithSummary("Deletes a conversation and its items.").Produces<DeletedView>().ProducesOpenAiErrors(409);
        group.MapGet("/{id}/items", ListItemsAsync).WithName("ListConversationItems").WithSummary("The conversation's items (order, limit, after).").Produces<ItemListView>();
        group.MapPost("/{id}/items", AddItemsAsync).WithName("CreateConversationItems").WithSummary("Adds items to a conversation that has no response in progress.")
            .Accepts<AddConversationItemsBody>("application/json").Produces<ItemListView>().ProducesOpenAiErrors(409, 413);
        group.MapGet("/{id}/items/{itemId}", GetItemAsync).WithName("GetConversationItem").WithSummary("Gets one item of a conversation.").Produces<ItemView>();
        return app;
    }

    private static async Task<IResult> CreateAsync(HttpContext context, Caller caller, ThreadStore threads, TenantLimits tenants, IOptions<ResponsesOptions> options)
    {
        Dictionary<string, string>? metadata = null;
        List<InputItem> items = [];
        if (context.Request.ContentLength is not 0)
        {
            using var body = await JsonRequestBody.ReadObjectAsync(context, options.Value.MaxRequestBytes, context.RequestAborted);
            RejectUnknown(body.RootElement, "metadata", "items");
            metadata = Metadata.Parse(body.RootElement, "metadata");
            // A conversation may start empty; adding items later needs at least one.
            var given = body.RootElement.Optional("items");
            items = given is not { } list || list is { ValueKind: JsonValueKind.Array } && list.GetArrayLength() == 0
                ? []
                : InputItemParser.Parse(list, "items", options.Value.MaxInputItems);
        }

        var conversation = new AgentThread { Id = Ids.New(Conversations.Prefix), Owner = caller.ClientId, Metadata = metadata };
        var limits = await tenants.ForAsync(caller.ClientId);
        await threads.CreateAsync(conversation, limits);
        if (items.Count > 0)
        {
            await threads.SetMessagesAsync(conversation, ChatItems.ToMessages(items), limits);
        }

        return TypedResults.Ok(ConversationView.From(conversation));
    }

    private static async Task<IResult> GetAsync(string id, Caller caller, ThreadStore threads) =>
        await threads.FindConversationAsync(id, caller.ClientId) is { } conversation
            ? TypedResults.Ok(ConversationView.From(conversation))
            : ApiErrors.NotFound("conversation", id);

    private static async Task<IResult> UpdateAsync(string id, HttpContext context, Caller caller, ThreadStore threads, TenantLimits tenants, IOptions<ResponsesOptions> options)
    {
        if (await threads.FindConversationAsync(id, caller.ClientId) is not { } conversation)
        {
            return ApiErrors.NotFound("conversation", id);
        }

        using var body = await JsonRequestBody.ReadObjectAsync(context, options.Value.MaxRequestBytes, context.RequestAborted);
        RejectUnknown(body.RootElement, "metadata");
        var metadata = Metadata.Parse(body.RootElement, "metadata") ?? throw new InvalidRequestException("'metadata' is required.", "metadata");
        var updated = conversation with { Metadata = metadata };
        await threads.SaveAsync(updated, await tenants.ForAsync(caller.ClientId));
        return TypedResults.Ok(ConversationView.From(updated));
    }

    private static async Task<IResult> DeleteAsync(string id, Caller caller, ThreadStore threads, ThreadTurns turns)
    {
        if (await threads.FindConversationAsync(id, caller.ClientId) is not { } conversation)
        {
            return ApiErrors.NotFound("conversation", id);
        }

        if (await turns.ActiveRunAsync(id) is not null)
        {
            return ApiErrors.Conflict($"Conversation '{id}' has a response in progress; cancel it first.", "conversation_busy");
        }

        await threads.DeleteAsync(conversation);
        return TypedResults.Ok(new DeletedView(id, "conversation.deleted", true));
    }

    private static async Task<IResult> ListItemsAsync(
        string id, [FromQuery] string? order, [FromQuery] string? limit, [FromQuery] string? after,
        HttpContext context, Caller caller, ThreadStore threads, ConversationHistory history)
    {
        if (await threads.FindConversationAsync(id, caller.ClientId) is null)
        {
            return ApiErrors.NotFound("conversation", id);
        }

        return TypedResults.Ok(ItemListView.Page(await history.ItemsAsync(id), context.Request.Query));
    }

    private static async Task<IResult> AddItemsAsync(
        string id, HttpContext context, Caller caller, ThreadStore threads, ConversationHistory history, IOptions<ResponsesOptions> options)
    {
        if (await threads.FindConversationAsync(id, caller.ClientId) is null)
        {
            return ApiErrors.NotFound("conversation", id);
        }

        List<InputItem> items;
        using (var body = await JsonRequestBody.ReadObjectAsync(context, options.Value.MaxRequestBytes, context.RequestAborted))
        {
            RejectUnknown(body.RootElement, "items");
            items = body.RootElement.Optional("items") is { } given
                ? InputItemParser.Parse(given, "items", options.Value.MaxInputItems)
                : throw new InvalidRequestException("'items' is required.", "items");
        }

        var before = (await history.ItemsAsync(id)).Count;
        if (await history.AppendAsync(id, items) == ConversationHistory.Outcome.Busy)
        {
            return ApiErrors.Conflict($"Conversation '{id}' has a response in progress; add items when it has ended.", "conversation_busy");
        }

        var all = await history.ItemsAsync(id);
        var added = all.Skip(before).ToList();
        return TypedResults.Ok(new ItemListView("list", added, added.FirstOrDefault()?.Id, added.LastOrDefault()?.Id, false));
    }

    private static async Task<IResult> GetItemAsync(string id, string itemId, Caller caller, ThreadStore threads, ConversationHistory history)
    {
        if (await threads.FindConversationAsync(id, caller.ClientId) is null)
        {
            return ApiErrors.NotFound("conversation", id);
        }

        return (await history.ItemsAsync(id)).FirstOrDefault(item => item.Id == itemId) is { } found
            ? TypedResults.Ok(found)
            : ApiErrors.NotFound("conversation item", itemId);
    }

    private static void RejectUnknown(JsonElement body, params string[] supported)
    {
        foreach (var property in body.EnumerateObject())
        {
            if (!supported.Contains(property.Name) && property.Value.ValueKind != JsonValueKind.Null)
            {
                throw new InvalidRequestException($"'{property.Name}' is not supported by this service.", property.Name, code: "unsupported_parameter");
            }
        }
    }
}
