using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.ModelService.Registry;

namespace Platform.ModelService.Apis;

public static class ModelsApi
{
    public static IEndpointRouteBuilder MapModelsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/models").WithTags("Models");
        group.MapGet("/", ListModels)
            .WithName("ListModels")
            .WithSummary("Lists every model this service serves.");
        group.MapGet("/{id}", GetModel)
            .WithName("GetModel")
            .WithSummary("Describes one model.")
            .ProducesOpenAiErrors(404);
        return app;
    }

    private static Ok<ModelList> ListModels(ModelRegistry registry) =>
        TypedResults.Ok(new ModelList([.. registry.Models.Select(model => ModelObject.From(model, registry.Created))]));

    private static Results<Ok<ModelObject>, JsonHttpResult<OpenAiError>> GetModel(string id, ModelRegistry registry) =>
        registry.Find(id) is { } model
            ? TypedResults.Ok(ModelObject.From(model, registry.Created))
            : ApiErrors.ModelNotFound(id);
}

/// <summary>The OpenAI model list, <c>{"object":"list","data":[...]}</c>.</summary>
public sealed record ModelList([property: JsonPropertyName("data")] IReadOnlyList<ModelObject> Data)
{
    [JsonPropertyName("object")]
    public string Object => "list";
}

/// <summary>The OpenAI model object, with the registry's kind and provider as extra fields.</summary>
public sealed record ModelObject(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("created")] long Created,
    [property: JsonPropertyName("owned_by")] string OwnedBy,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("provider")] string Provider)
{
    [JsonPropertyName("object")]
    public string Object => "model";

    public static ModelObject From(ModelCard card, DateTimeOffset created) => new(
        card.Id,
        created.ToUnixTimeSeconds(),
        card.Provider == ModelProvider.EmbeddedOnnx ? "platform" : "llm",
        card.Kind == ModelKind.Embedding ? "embedding" : "chat",
        card.Provider == ModelProvider.EmbeddedOnnx ? "embedded-onnx" : "openai-compatible");
}
