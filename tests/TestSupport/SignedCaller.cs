using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Platform.TestSupport;

/// <summary>
/// The identity key every test host is given, and a client-side signer written from the documented wire format
/// (docs/gateway.md, "Signed identity"), so tests that call agents or models directly act as the gateway would.
/// </summary>
public static class SignedCaller
{
    public const string Key = "test-identity-key-5f0c2a9e8b7d4c3a1f0e9d8c7b6a5f4e";
    public const string KeySetting = "PlatformIdentity:Keys";
    public const string KeyVariable = "PlatformIdentity__Keys";

    /// <summary>An HTTP client of its own whose requests are signed for <paramref name="clientId"/>.</summary>
    public static HttpClient Client(Uri baseAddress, string clientId, string scopes = "agents models", HttpMessageHandler? transport = null) =>
        new(new SigningHandler(clientId, scopes) { InnerHandler = transport ?? new SocketsHttpHandler() }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };

    /// <summary>Signs one request: the client, scopes, request id (one is added if missing), agent and time.</summary>
    public static void Sign(HttpRequestMessage request, string clientId, string scopes = "", string agentId = "",
        string key = Key, DateTimeOffset? at = null)
    {
        var headers = request.Headers;
        foreach (var name in new[] { "X-Platform-Client-Id", "X-Platform-Scopes", "X-Platform-Agent-Id", "X-Platform-Identity-Timestamp", "X-Platform-Identity-Signature" })
        {
            headers.Remove(name);
        }

        if (!headers.TryGetValues("X-Request-Id", out var ids) || ids.FirstOrDefault() is not { Length: > 0 } requestId)
        {
            requestId = Guid.NewGuid().ToString("N");
            headers.TryAddWithoutValidation("X-Request-Id", requestId);
        }

        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var canonical = Encoding.UTF8.GetBytes($"platform-identity-v1\n{clientId}\n{scopes}\n{requestId}\n{agentId}\n{timestamp}");
        headers.TryAddWithoutValidation("X-Platform-Client-Id", clientId);
        if (scopes.Length > 0)
        {
            headers.TryAddWithoutValidation("X-Platform-Scopes", scopes);
        }

        if (agentId.Length > 0)
        {
            headers.TryAddWithoutValidation("X-Platform-Agent-Id", agentId);
        }

        headers.TryAddWithoutValidation("X-Platform-Identity-Timestamp", timestamp);
        headers.TryAddWithoutValidation("X-Platform-Identity-Signature",
            "v1=" + Base64Url.EncodeToString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), canonical)));
    }

    private sealed class SigningHandler(string clientId, string scopes) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Sign(request, clientId, scopes);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
