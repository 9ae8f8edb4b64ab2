using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Platform.TestSupport;

namespace Platform.AgentService.Tests.ThroughGateway;

/// <summary>
/// Every operation of the public API document (docs/openapi.json), called through the gateway the way a new user
/// gets it wrong: fields of the wrong type, nulls, huge numbers, deep nesting, bodies that are not JSON or not UTF-8,
/// wrong content types and odd ids. None may answer 5xx; every 4xx is an OpenAI-style error, and a 400 about a
/// field names it. What was stored before the sweep is still there, unchanged, after it.
/// </summary>
public sealed class MalformedInputSweepTests : IAsyncLifetime
{
    private WholeChain _chain = null!;

    // The agents run as Production, as in a cluster: there no developer exception page stands between a failure and
    // its answer.
    public async Task InitializeAsync() =>
        _chain = await WholeChain.StartAsync(agentSettings: new Dictionary<string, string?> { ["environment"] = "Production" });

    public async Task DisposeAsync() => await _chain.DisposeAsync();

    [Fact]
    public async Task No_malformed_request_to_any_public_route_gets_a_5xx_and_every_4xx_names_what_is_wrong()
    {
        var client = _chain.Gateway.Client;
        var ids = await SweepTargets.CreateAsync(client);
        var before = await ids.SnapshotAsync(client);
        var failures = new List<string>();
        var sent = 0;

        foreach (var operation in PublicOperations.Load())
        {
            foreach (var attempt in MalformedRequests.For(operation, ids))
            {
                sent++;
                using var request = attempt.ToRequest();
                using var response = await client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                if (Judge(attempt, response.StatusCode, body) is { } failure)
                {
                    failures.Add($"{attempt} -> {(int)response.StatusCode} {Truncate(body)}: {failure}");
                }
            }
        }

        Assert.True(sent > 300, $"Only {sent} malformed requests were sent.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} malformed requests were answered wrongly:\n{string.Join("\n", failures)}");
        Assert.Equal(before.ToJsonString(), (await ids.SnapshotAsync(client)).ToJsonString());
    }

    /// <summary>Why an answer is wrong, or null when it is acceptable.</summary>
    private static string? Judge(MalformedRequest attempt, HttpStatusCode status, string body)
    {
        var code = (int)status;
        if (code >= 500)
        {
            return "a server error";
        }

        if (code < 400)
        {
            // Some "malformed" values are valid (a null for an optional field, a float where a number is expected).
            return null;
        }

        if (code == 400 && body.Length == 0 && attempt.Path.Contains("%00", StringComparison.Ordinal))
        {
            // Kestrel refuses a NUL in the request target before any middleware runs; no body can be written there.
            return null;
        }

        JsonNode? error;
        try
        {
            error = JsonNode.Parse(body)?["error"];
        }
        catch (System.Text.Json.JsonException)
        {
            return "not a JSON error body";
        }

        if (error?["message"]?.GetValue<string>() is not { Length: > 0 } message || error["type"]?.GetValue<string>() is not { Length: > 0 })
        {
            return "not an OpenAI-style error";
        }

        if (message.Contains("System.", StringComparison.Ordinal) || message.Contains("`", StringComparison.Ordinal))
        {
            return "the message names .NET types";
        }

        if (code == 400 && attempt.Field is { } field)
        {
            var param = error["param"]?.GetValue<string>();
            var named = param?.StartsWith(field, StringComparison.Ordinal) == true || message.Contains(field, StringComparison.Ordinal);
            return named ? null : $"the error does not name '{field}'";
        }

        return null;
    }

    private static string Truncate(string text) => text.Length > 300 ? text[..300] + "..." : text;
}

/// <summary>One operation of the public API document.</summary>
public sealed record PublicOperation(string Method, string Path, IReadOnlyList<string> QueryParameters, JsonObject? BodySchema)
{
    public string Key => $"{Method} {Path}";
}

public static class PublicOperations
{
    public static IReadOnlyList<PublicOperation> Load()
    {
        var document = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("docs", "openapi.json")))!;
        var operations = new List<PublicOperation>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var query = operation!["parameters"]?.AsArray()
                    .Where(p => p!["in"]!.GetValue<string>() == "query")
                    .Select(p => p!["name"]!.GetValue<string>()).ToList() ?? [];
                var schema = operation["requestBody"]?["content"]?["application/json"]?["schema"] is { } reference
                    ? Resolve(document, reference)
                    : null;
                operations.Add(new PublicOperation(method.ToUpperInvariant(), path, query, schema));
            }
        }

        return operations;
    }

    private static JsonObject? Resolve(JsonNode document, JsonNode schema)
    {
        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            var node = document;
            foreach (var part in reference.TrimStart('#', '/').Split('/'))
            {
                node = node[part]!;
            }

            return Resolve(document, node);
        }

        return schema as JsonObject;
    }
}
