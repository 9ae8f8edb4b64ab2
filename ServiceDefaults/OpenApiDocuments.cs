using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.ServiceDefaults;

/// <summary>
/// A service's own OpenAPI document at <c>/openapi/v1.json</c>, generated from its endpoints' metadata
/// (names, summaries, typed results, <c>Produces</c>). The gateway never routes it; the public <c>/v1</c> surface is
/// assembled from these documents into <c>docs/openapi.json</c> (docs/api.md).
/// </summary>
public static class OpenApiDocuments
{
    public const string DocumentName = "v1";
    public const string RoutePattern = "/openapi/{documentName}.json";

    public static TBuilder AddOpenApiDocument<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var title = builder.Environment.ApplicationName;
        builder.Services.AddOpenApi(DocumentName, options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = title;
            document.Info.Version = DocumentName;
            return Task.CompletedTask;
        }));
        return builder;
    }

    /// <summary>Maps the document in every environment: it describes only what the service already serves.</summary>
    public static WebApplication MapOpenApiDocument(this WebApplication app)
    {
        app.MapOpenApi(RoutePattern).DisableHttpMetrics();
        return app;
    }

    /// <summary>Declares the OpenAI-style error bodies an endpoint (or a group) answers with, so its document lists them.</summary>
    public static TBuilder ProducesOpenAiErrors<TBuilder>(this TBuilder builder, params int[] statuses) where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in statuses)
        {
            builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(OpenAiError), ["application/json"]));
        }

        return builder;
    }
}
