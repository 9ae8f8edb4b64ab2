using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.Gateway.Tests.Support;

/// <summary>Calls to the key admin API with the configured admin key, and using the keys it issues.</summary>
public static class AdminCalls
{
    public static Task<HttpResponseMessage> AdminAsync(this GatewayInstance gateway, HttpMethod method, string path, JsonNode? body = null, TestClient? caller = null) =>
        gateway.SendAsync(caller ?? TestClient.Admin, method, path, body is null ? null : JsonContent.Create(body));

    /// <summary>Creates a key and returns its secret and the whole answer; fails the test unless it was created.</summary>
    public static async Task<IssuedKey> CreateKeyAsync(this GatewayInstance gateway, JsonObject body)
    {
        using var response = await gateway.AdminAsync(HttpMethod.Post, "/v1/admin/keys", body);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Expected 201, got {(int)response.StatusCode}: {json}");
        return new IssuedKey(json.GetProperty("key").GetString()!, json.GetProperty("api_key").GetProperty("id").GetString()!, json);
    }

    /// <summary>A request with an issued key as bearer.</summary>
    public static Task<HttpResponseMessage> WithKeyAsync(this GatewayInstance gateway, string key, string path) =>
        gateway.SendAsync(new TestClient("issued", key), HttpMethod.Get, path);

    public static async Task<JsonElement> JsonOf(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();
}

public sealed record IssuedKey(string Key, string Id, JsonElement Answer);
