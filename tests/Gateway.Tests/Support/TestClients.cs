using Platform.Gateway.Authentication;

namespace Platform.Gateway.Tests.Support;

/// <summary>API clients the test gateways know: the key itself stays here; the gateway is given only its hash.</summary>
public sealed record TestClient(string ClientId, string Key, params string[] Scopes)
{
    public static readonly TestClient Full = new("full-client", "test-key-full-0123456789", Authentication.Scopes.Models, Authentication.Scopes.Agents);
    public static readonly TestClient ModelsOnly = new("models-only", "test-key-models-0123456789", Authentication.Scopes.Models);

    /// <summary>A bootstrap admin key from configuration: the admin scope alone.</summary>
    public static readonly TestClient Admin = new("platform-admin", "test-key-admin-0123456789", Authentication.Scopes.Admin);

    public static TestClient Unique(params string[] scopes) =>
        new($"client-{Guid.NewGuid():N}", $"key-{Guid.NewGuid():N}", scopes.Length == 0 ? Authentication.Scopes.Routed : scopes);

    public string Hash => ApiKeyHash.HexOf(Key);

    public HttpRequestMessage Request(HttpMethod method, string path, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new("Bearer", Key);
        return request;
    }
}
