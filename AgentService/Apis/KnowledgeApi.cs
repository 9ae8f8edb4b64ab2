using Microsoft.Extensions.Options;
using System.Text.Json;
using Platform.AgentService.Knowledge;
using Platform.AgentService.Models;
using Platform.AgentService.Quotas;

namespace Platform.AgentService.Apis;

public static class KnowledgeApi
{
    public static IEndpointRouteBuilder MapKnowledgeApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/knowledge").RequireCaller().ProducesOpenAiErrors(400, 401, 404).WithTags("Knowledge");
        group.AnswerModelQuotaErrors();
        group.MapPost("/", CreateAsync).WithName("CreateKnowledgeCollection").WithSummary("Creates a knowledge collection owned by the caller.").Produces<CollectionView>(201).ProducesOpenAiErrors(403, 413, 507);
        group.MapGet("/", ListAsync).WithName("ListKnowledgeCollections").WithSummary("Lists the caller's collections.").Produces<ListView<CollectionView>>();
        group.MapGet("/{id}", GetAsync).WithName("GetKnowledgeCollection").WithSummary("Gets a collection.").Produces<CollectionView>();
        group.MapDelete("/{id}", DeleteAsync).WithName("DeleteKnowledgeCollection").WithSummary("Deletes a collection and its chunks.").Produces<DeletedView>();
        group.MapPost("/{id}/documents", AddDocumentAsync).WithName("AddKnowledgeDocument").WithSummary("Chunks, embeds and stores a text document.")
            .Accepts<DocumentRequest>("application/json").Produces<DocumentView>(201).ProducesOpenAiErrors(403, 409, 413, 507);
        group.MapPost("/{id}/search", SearchAsync).WithName("SearchKnowledge").WithSummary("Top-k chunks by cosine similarity to the query.").Produces<ListView<SearchHit>>();
        return app;
    }

    private static async Task<IResult> CreateAsync(CollectionRequest body, Caller caller, KnowledgeStore store, TenantLimits tenants)
    {
        if (body.Name is not { Length: > 0 and <= 200 })
        {
            return ApiErrors.Invalid("name", "'name' is required and must be 1-200 characters.");
        }

        var collection = new KnowledgeCollection { Id = Ids.New("kc"), Owner = caller.ClientId, Name = body.Name };
        await store.SaveAsync(collection, await tenants.ForAsync(caller.ClientId));
        return TypedResults.Created($"/v1/knowledge/{collection.Id}", await ViewAsync(collection, store));
    }

    private static async Task<IResult> ListAsync(Caller caller, KnowledgeStore store)
    {
        var views = new List<CollectionView>();
        foreach (var collection in await store.ListAsync(caller.ClientId))
        {
            views.Add(await ViewAsync(collection, store));
        }

        return TypedResults.Ok(ListView.Of(views));
    }

    private static async Task<IResult> GetAsync(string id, Caller caller, KnowledgeStore store) =>
        await store.FindAsync(id, caller.ClientId) is { } collection
            ? TypedResults.Ok(await ViewAsync(collection, store))
            : ApiErrors.NotFound("knowledge collection", id);

    private static async Task<IResult> DeleteAsync(string id, Caller caller, KnowledgeStore store)
    {
        if (await store.FindAsync(id, caller.ClientId) is not { } collection)
        {
            return ApiErrors.NotFound("knowledge collection", id);
        }

        await store.DeleteAsync(collection);
        return TypedResults.Ok(new DeletedView(id, "knowledge.deleted", true));
    }

    private static async Task<IResult> AddDocumentAsync(string id, HttpContext http, Caller caller, KnowledgeStore store, TenantLimits tenants, IOptions<KnowledgeOptions> options, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, caller.ClientId) is not { } collection)
        {
            return ApiErrors.NotFound("knowledge collection", id);
        }

        var settings = options.Value;
        var body = await ReadDocumentAsync(http, settings, cancellationToken);
        if (string.IsNullOrWhiteSpace(body.Text))
        {
            return ApiErrors.Invalid("text", "'text' is required.");
        }

        if (body.Text.Length > settings.MaxDocumentChars)
        {
            return ApiErrors.TooLarge("text", $"'text' is longer than {settings.MaxDocumentChars} characters.");
        }

        if (body.Title is { Length: > 500 })
        {
            return ApiErrors.Invalid("title", "'title' must be at most 500 characters.");
        }

        var chunks = store.Chunk(body.Text);
        if (chunks.Count > settings.MaxChunksPerDocument)
        {
            return ApiErrors.TooLarge("text", $"'text' makes {chunks.Count} chunks; a document may make at most {settings.MaxChunksPerDocument} (one embedding each).");
        }

        var documentId = await store.AddDocumentAsync(collection, chunks, body.Title, await tenants.ForAsync(caller.ClientId), cancellationToken);
        return TypedResults.Created($"/v1/knowledge/{id}/documents/{documentId}", new DocumentView(documentId, "knowledge.document", id, chunks.Count));
    }

    /// <summary>
    /// Reads the body only up to what <see cref="KnowledgeOptions.MaxDocumentChars"/> characters can take in UTF-8,
    /// plus 64 KiB for the title and the JSON around them: a longer body is refused with 413 as it arrives.
    /// </summary>
    private static async Task<DocumentRequest> ReadDocumentAsync(HttpContext http, KnowledgeOptions settings, CancellationToken cancellationToken)
    {
        using var document = await JsonRequestBody.ReadObjectAsync(http, (long)settings.MaxDocumentChars * 4 + 65_536, cancellationToken);
        return new DocumentRequest(StringField(document.RootElement, "text"), StringField(document.RootElement, "title"));
    }

    private static string? StringField(JsonElement body, string name) =>
        !body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw new InvalidRequestException($"'{name}' must be a string.", name);

    private static async Task<IResult> SearchAsync(string id, SearchRequest body, Caller caller, KnowledgeStore store, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, caller.ClientId) is not { } collection)
        {
            return ApiErrors.NotFound("knowledge collection", id);
        }

        if (string.IsNullOrWhiteSpace(body.Query) || body.Query.Length > 8_000)
        {
            return ApiErrors.Invalid("query", "'query' is required and must be at most 8000 characters.");
        }

        if (body.TopK is < 1 or > 100)
        {
            return ApiErrors.Invalid("top_k", "'top_k' must be between 1 and 100.");
        }

        return TypedResults.Ok(ListView.Of(await store.SearchAsync(collection, body.Query, body.TopK ?? 5, cancellationToken)));
    }

    private static async Task<CollectionView> ViewAsync(KnowledgeCollection collection, KnowledgeStore store) =>
        new(collection.Id, "knowledge.collection", collection.Name, await store.CountChunksAsync(collection.Id), collection.CreatedAt.ToUnixTimeSeconds());
}
