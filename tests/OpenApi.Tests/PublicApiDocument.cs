using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.TestSupport;

namespace Platform.OpenApi.Tests;

/// <summary>
/// The public <c>/v1</c> surface in one OpenAPI document: every path of the services' own documents that a gateway
/// route forwards, their schemas and tags, and the gateway's authentication (API key or bearer token). Paths are
/// sorted, so the same services give the same bytes.
/// </summary>
public static class PublicApiDocument
{
    public static string CommittedPath => RepositoryRoot.Combine("docs", "openapi.json");

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<string> AssembleAsync()
    {
        JsonObject[] services = [await ServiceDocuments.ModelsAsync(), await ServiceDocuments.AgentsAsync()];
        return Assemble(services, GatewayRoute.All).ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";
    }

    public static JsonObject Assemble(IReadOnlyList<JsonObject> services, IReadOnlyList<GatewayRoute> routes)
    {
        var paths = new SortedDictionary<string, JsonNode>(StringComparer.Ordinal);
        var schemas = new SortedDictionary<string, JsonNode>(StringComparer.Ordinal);
        var tags = new SortedDictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var service in services)
        {
            foreach (var (path, item) in service["paths"]!.AsObject())
            {
                if (routes.Any(route => route.Forwards(path)))
                {
                    paths.Add(path, item!.DeepClone());
                }
            }

            foreach (var (name, schema) in service["components"]?["schemas"]?.AsObject() ?? [])
            {
                if (schemas.TryGetValue(name, out var existing) && !JsonNode.DeepEquals(existing, schema))
                {
                    throw new InvalidOperationException($"Two services describe the schema '{name}' differently.");
                }

                schemas[name] = schema!.DeepClone();
            }

            foreach (var tag in service["tags"]?.AsArray() ?? [])
            {
                tags[tag!["name"]!.GetValue<string>()] = tag.DeepClone();
            }
        }

        // Only the tags of operations the gateway forwards: a service's internal groups stay out.
        var used = paths.Values.SelectMany(item => item.AsObject().Select(operation => (operation.Value as JsonObject)?["tags"]?.AsArray()))
            .SelectMany(names => names ?? []).Select(name => name!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        foreach (var name in tags.Keys.Where(name => !used.Contains(name)).ToList())
        {
            tags.Remove(name);
        }

        return new JsonObject
        {
            ["openapi"] = services[0]["openapi"]!.DeepClone(),
            ["info"] = new JsonObject
            {
                ["title"] = "Platform API",
                ["version"] = "v1",
                ["description"] = "The public /v1 surface of the platform, served through the gateway. Every request needs an API key " +
                    "(in the api-key header, or as Authorization: Bearer KEY) or a JWT; errors are OpenAI-style {\"error\":{...}} bodies.",
            },
            ["paths"] = ToObject(paths),
            ["components"] = new JsonObject
            {
                ["schemas"] = ToObject(schemas),
                ["securitySchemes"] = new JsonObject
                {
                    ["apiKey"] = new JsonObject { ["type"] = "apiKey", ["in"] = "header", ["name"] = "api-key" },
                    ["bearer"] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer", ["description"] = "An API key or a JWT." },
                },
            },
            ["security"] = new JsonArray(new JsonObject { ["apiKey"] = new JsonArray() }, new JsonObject { ["bearer"] = new JsonArray() }),
            ["tags"] = new JsonArray([.. tags.Values]),
        };
    }

    private static JsonObject ToObject(SortedDictionary<string, JsonNode> entries) =>
        new(entries.Select(entry => KeyValuePair.Create(entry.Key, (JsonNode?)entry.Value)));
}
