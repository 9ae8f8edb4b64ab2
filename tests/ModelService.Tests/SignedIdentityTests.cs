using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.ServiceDefaults.Identity;
using Platform.TestSupport;

namespace Platform.ModelService.Tests;

/// <summary>
/// The model service meters and limits by client, so it serves only calls whose identity the gateway or an agent
/// signed: a peer that reaches it directly gets 401 for a missing, forged, tampered, stale or replayed identity.
/// </summary>
public sealed class SignedIdentityTests(DefaultModelService service) : IClassFixture<DefaultModelService>
{
    private static readonly object Body = new { model = "all-minilm-l6-v2", input = "Who pays for this?" };

    [Theory]
    [InlineData("no identity", "missing_client_id")]
    [InlineData("unsigned client id", "unsigned_identity")]
    [InlineData("tampered client id", "invalid_identity")]
    [InlineData("another key", "invalid_identity")]
    [InlineData("stale timestamp", "expired_identity")]
    [InlineData("replayed under another request id", "invalid_identity")]
    [InlineData("tampered agent id", "invalid_identity")]
    public async Task Embeddings_without_a_valid_signed_identity_get_401(string attack, string code)
    {
        using var bare = new HttpClient { BaseAddress = service.Host.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/embeddings") { Content = JsonContent.Create(Body) };
        switch (attack)
        {
            case "unsigned client id":
                request.Headers.Add("X-Platform-Client-Id", "billing-app");
                break;
            case "tampered client id":
                SignedCaller.Sign(request, "cheap-app");
                Replace(request, "X-Platform-Client-Id", "billing-app");
                break;
            case "another key":
                SignedCaller.Sign(request, "billing-app", key: "not-the-platform-key-0123456789abcdef");
                break;
            case "stale timestamp":
                SignedCaller.Sign(request, "billing-app", at: DateTimeOffset.UtcNow.AddSeconds(-40));
                break;
            case "replayed under another request id":
                SignedCaller.Sign(request, "billing-app");
                Replace(request, "X-Request-Id", "req-someone-elses");
                break;
            case "tampered agent id":
                SignedCaller.Sign(request, "billing-app", agentId: "agent_cheap");
                Replace(request, "X-Platform-Agent-Id", "agent_expensive");
                break;
        }

        using var response = await bare.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        Assert.Equal("authentication_error", error.GetProperty("type").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_signature_within_its_validity_is_served()
    {
        using var bare = new HttpClient { BaseAddress = service.Host.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/embeddings") { Content = JsonContent.Create(Body) };
        SignedCaller.Sign(request, "billing-app", "models", agentId: "agent_1", at: DateTimeOffset.UtcNow.AddSeconds(-20));

        using var response = await bare.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Probes_need_no_identity_but_every_v1_route_does()
    {
        using var bare = new HttpClient { BaseAddress = service.Host.BaseAddress };

        Assert.Equal(HttpStatusCode.OK, (await bare.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bare.GetAsync("/v2/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bare.GetAsync("/v1/models")).StatusCode);
    }

    [Theory]
    [InlineData(null, "The setting 'PlatformIdentity:Keys' is missing")]
    [InlineData("too-short", "at least 32 characters")]
    public async Task A_missing_or_short_identity_key_stops_start_up_naming_the_setting(string? keys, string message)
    {
        var failure = await StartupValidation.FailureAsync(builder => builder.RequireSignedIdentity(),
            new Dictionary<string, string?> { ["PlatformIdentity:Keys"] = keys });

        Assert.True(failure.Contains(message, StringComparison.Ordinal), failure);
    }

    private static void Replace(HttpRequestMessage request, string header, string value)
    {
        request.Headers.Remove(header);
        request.Headers.Add(header, value);
    }
}
