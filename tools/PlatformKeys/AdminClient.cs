using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.Tools.PlatformKeys;

/// <summary>The gateway's key admin API (<c>/v1/admin</c>) called with an admin key.</summary>
public sealed class AdminClient : IDisposable
{
    private readonly HttpClient _http;

    public AdminClient(Uri gateway, string adminKey)
    {
        _http = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
    }

    public Task<JsonElement> SendAsync(HttpMethod method, string path, JsonNode? body = null) =>
        SendAsync(new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) });

    private async Task<JsonElement> SendAsync(HttpRequestMessage request)
    {
        using (request)
        using (var response = await _http.SendAsync(request))
        {
            var text = await response.Content.ReadAsStringAsync();
            JsonElement json;
            try
            {
                json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
            }
            catch (JsonException)
            {
                throw new ApiException((int)response.StatusCode, $"The gateway answered {(int)response.StatusCode} with a body that is not JSON.");
            }

            if (response.IsSuccessStatusCode)
            {
                return json;
            }

            throw ApiException.From((int)response.StatusCode, json);
        }
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>An error answer of the admin API, reported with its message, status and the field at fault.</summary>
public sealed class ApiException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;

    public static ApiException From(int status, JsonElement body)
    {
        if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            var message = error.TryGetProperty("message", out var m) ? m.GetString() : null;
            var param = error.TryGetProperty("param", out var p) && p.ValueKind == JsonValueKind.String ? $", field '{p.GetString()}'" : "";
            return new ApiException(status, $"{message ?? "The request failed."} (HTTP {status}{param})");
        }

        return new ApiException(status, $"The request failed with HTTP {status}.");
    }
}
