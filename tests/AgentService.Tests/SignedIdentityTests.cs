using System.Net;
using Platform.TestSupport;

namespace Platform.AgentService.Tests;

/// <summary>
/// Attacks on the agent service's identity from a peer that reaches it directly, past the gateway: each is refused
/// with a 401 naming why, and what the client stored is untouched.
/// </summary>
public sealed class SignedIdentityTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private readonly HttpClient _alice = fixture.Host.ClientFor("alice-signed");
    private readonly HttpClient _bare = fixture.Host.ClientFor(null);

    [Fact]
    public async Task Forged_tampered_stale_and_replayed_identities_get_401_and_the_clients_thread_is_intact()
    {
        var thread = await _alice.CreateThreadAsync();
        var path = $"/v1/threads/{thread}";

        var attacks = new Dictionary<string, HttpRequestMessage>
        {
            ["no identity"] = new(HttpMethod.Delete, path),
            ["unsigned client id"] = Unsigned(HttpMethod.Delete, path, "alice-signed"),
            ["tampered client id"] = Tampered(HttpMethod.Delete, path),
            ["signature from another key"] = Signed(HttpMethod.Delete, path, key: "another-key-that-is-long-enough-0123456789"),
            ["stale timestamp"] = Signed(HttpMethod.Delete, path, at: DateTimeOffset.UtcNow.AddSeconds(-60)),
            ["timestamp from the future"] = Signed(HttpMethod.Delete, path, at: DateTimeOffset.UtcNow.AddSeconds(60)),
            ["replayed under another request id"] = Replayed(HttpMethod.Delete, path),
            ["garbled signature"] = Garbled(HttpMethod.Delete, path),
        };

        foreach (var (attack, request) in attacks)
        {
            using var response = await _bare.SendAsync(request);
            var body = await response.JsonAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{attack}: {(int)response.StatusCode} {body.ToJsonString()}");
            Assert.Equal("authentication_error", body["error"]!["type"]!.GetValue<string>());
        }

        using var stillThere = await _alice.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
    }

    [Fact]
    public async Task Each_refusal_names_its_reason()
    {
        async Task<string> CodeOf(HttpRequestMessage request)
        {
            using var response = await _bare.SendAsync(request);
            return (await response.JsonAsync())["error"]!["code"]!.GetValue<string>();
        }

        Assert.Equal("missing_client_id", await CodeOf(new HttpRequestMessage(HttpMethod.Get, "/v1/agents")));
        Assert.Equal("unsigned_identity", await CodeOf(Unsigned(HttpMethod.Get, "/v1/agents", "alice-signed")));
        Assert.Equal("expired_identity", await CodeOf(Signed(HttpMethod.Get, "/v1/agents", at: DateTimeOffset.UtcNow.AddMinutes(-5))));
        Assert.Equal("invalid_identity", await CodeOf(Tampered(HttpMethod.Get, "/v1/agents")));
    }

    [Fact]
    public async Task A_fresh_signature_from_the_shared_key_is_accepted_with_and_without_scopes_and_agent()
    {
        using var withScopes = Signed(HttpMethod.Get, "/v1/agents");
        using var withAgent = new HttpRequestMessage(HttpMethod.Get, "/v1/agents");
        SignedCaller.Sign(withAgent, "alice-signed", scopes: "", agentId: "agent_1");

        Assert.Equal(HttpStatusCode.OK, (await _bare.SendAsync(withScopes)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _bare.SendAsync(withAgent)).StatusCode);
    }

    [Fact]
    public async Task Health_metrics_and_the_api_document_need_no_identity()
    {
        Assert.Equal(HttpStatusCode.OK, (await _bare.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _bare.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _bare.GetAsync("/openapi/v1.json")).StatusCode);
    }

    private static HttpRequestMessage Signed(HttpMethod method, string path, string key = SignedCaller.Key, DateTimeOffset? at = null)
    {
        var request = new HttpRequestMessage(method, path);
        SignedCaller.Sign(request, "alice-signed", "agents", key: key, at: at);
        return request;
    }

    private static HttpRequestMessage Unsigned(HttpMethod method, string path, string clientId)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Platform-Client-Id", clientId);
        return request;
    }

    /// <summary>Signed for mallory, then the client id rewritten to alice's.</summary>
    private static HttpRequestMessage Tampered(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        SignedCaller.Sign(request, "mallory", "agents");
        request.Headers.Remove("X-Platform-Client-Id");
        request.Headers.Add("X-Platform-Client-Id", "alice-signed");
        return request;
    }

    /// <summary>Alice's valid signature for one request, sent again under another request id.</summary>
    private static HttpRequestMessage Replayed(HttpMethod method, string path)
    {
        var request = Signed(method, path);
        request.Headers.Remove("X-Request-Id");
        request.Headers.Add("X-Request-Id", "another-request");
        return request;
    }

    private static HttpRequestMessage Garbled(HttpMethod method, string path)
    {
        var request = Signed(method, path);
        request.Headers.Remove("X-Platform-Identity-Signature");
        request.Headers.Add("X-Platform-Identity-Signature", "v1=not-base64-%%%");
        return request;
    }
}
