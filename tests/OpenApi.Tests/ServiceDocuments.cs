extern alias agents;
extern alias models;

using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Platform.OpenApi.Tests;

/// <summary>Each service's own OpenAPI document, as the running service serves it at <c>/openapi/v1.json</c>.</summary>
public static class ServiceDocuments
{
    public const string Path = "/openapi/v1.json";

    public static Task<JsonObject> ModelsAsync() => FetchAsync(new WebApplicationFactory<models::Program>(), new Dictionary<string, string?>
    {
        // A well-formed setting is all start-up checks; nothing here talks to Redis.
        ["ConnectionStrings:redis"] = "127.0.0.1:1",
    });

    public static Task<JsonObject> AgentsAsync() => FetchAsync(new WebApplicationFactory<agents::Program>(), new Dictionary<string, string?>
    {
        // A well-formed setting is all start-up checks; nothing here talks to Redis.
        ["ConnectionStrings:redis"] = "127.0.0.1:1",
        ["Runs:WorkerEnabled"] = "false",
    });

    private static async Task<JsonObject> FetchAsync<TEntryPoint>(WebApplicationFactory<TEntryPoint> factory, IReadOnlyDictionary<string, string?> settings)
        where TEntryPoint : class
    {
        await using var configured = factory.WithWebHostBuilder(web =>
        {
            // Start-up requires the identity key; the document itself needs no identity.
            web.UseSetting("PlatformIdentity:Keys", "openapi-tests-identity-key-0123456789abcdef");
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }
        });
        using var client = configured.CreateClient();
        using var response = await client.GetAsync(Path);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())?.AsObject()
            ?? throw new InvalidOperationException($"{typeof(TEntryPoint).Assembly.GetName().Name} served an empty document.");
    }
}
