using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Platform.Tools.BlueGreen;

/// <summary>
/// What must work through a colour's own gateway before it takes traffic: readiness, an authenticated model list,
/// an embedding (the model is loaded) and the agents API (Redis reachable from the agents). Any failure names the step.
/// </summary>
public sealed class SmokeCheck(string apiKey, TimeSpan timeout)
{
    public async Task RunAsync(Uri gateway, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = gateway, Timeout = timeout };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);

        await ExpectAsync("readiness", http.GetAsync("/health/ready", cancellationToken));
        var models = await ExpectAsync("model list", http.GetAsync("/v1/models", cancellationToken));
        if (models["data"] is not JsonArray { Count: > 0 } list || list[0]?["id"]?.GetValue<string>() is not { } model)
        {
            throw new SmokeCheckFailedException("model list: no model listed");
        }

        var embedding = await ExpectAsync("embedding", http.PostAsJsonAsync("/v1/embeddings", new { model, input = "smoke check" }, cancellationToken));
        if (embedding["data"] is not JsonArray { Count: 1 })
        {
            throw new SmokeCheckFailedException("embedding: no vector returned");
        }

        await ExpectAsync("agent list", http.GetAsync("/v1/agents", cancellationToken));
    }

    private static async Task<JsonNode> ExpectAsync(string step, Task<HttpResponseMessage> request)
    {
        HttpResponseMessage response;
        try
        {
            response = await request;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            throw new SmokeCheckFailedException($"{step}: {exception.Message}");
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                throw new SmokeCheckFailedException($"{step}: {(int)response.StatusCode} {body}");
            }

            return body.Length > 0 && body[0] is '{' or '[' ? JsonNode.Parse(body)! : new JsonObject();
        }
    }
}

public sealed class SmokeCheckFailedException(string message) : Exception($"Smoke check failed at {message}");
