using System.Net;
using Platform.Gateway.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Identity;
using Platform.TestSupport;

namespace Platform.Gateway.Tests;

public sealed class ForwardingTests : GatewayTestBase
{
    [Fact]
    public async Task Forged_client_id_header_is_overwritten_with_the_authenticated_client()
    {
        var gateway = StartGateway();
        using var request = TestClient.ModelsOnly.Request(HttpMethod.Get, "/v1/models");
        request.Headers.Add(PlatformHeaders.ClientId, "someone-else");
        request.Headers.Add("X-Platform-Internal-Role", "admin");

        using var response = await gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = Models.ReceivedHeaders.Single();
        Assert.Equal(TestClient.ModelsOnly.ClientId, received[PlatformHeaders.ClientId]);
        Assert.False(received.ContainsKey("X-Platform-Internal-Role"));
    }

    [Fact]
    public async Task The_forwarded_identity_is_signed_over_client_scopes_and_request_id_and_a_forged_one_is_replaced()
    {
        var gateway = StartGateway();
        using var request = TestClient.Full.Request(HttpMethod.Get, "/v1/agents");
        request.Headers.Add(RequestIds.Header, "req-signed-1");
        request.Headers.Add("X-Platform-Identity-Signature", "v1=forged");
        request.Headers.Add("X-Platform-Identity-Timestamp", "99999999999");
        request.Headers.Add(PlatformHeaders.Scopes, "admin");

        (await gateway.Client.SendAsync(request)).EnsureSuccessStatusCode();

        var received = new HeaderDictionary(Agents.ReceivedHeaders.Single().ToDictionary(pair => pair.Key, pair => new StringValues(pair.Value), StringComparer.OrdinalIgnoreCase));
        var verifier = new IdentityVerifier(Options.Create(new PlatformIdentityOptions { Keys = SignedCaller.Key }), TimeProvider.System);
        var verdict = verifier.Verify(received);
        var identity = verdict.Identity;
        Assert.True(identity is not null, $"{verdict.Code}: {string.Join(", ", received.Select(pair => $"{pair.Key}={pair.Value}"))}");
        Assert.Equal(new VerifiedIdentity(TestClient.Full.ClientId, "agents models", "", "req-signed-1"), identity);
        received[RequestIds.Header] = "req-signed-2";
        Assert.Null(verifier.Verify(received).Identity);
    }

    [Fact]
    public async Task Client_credentials_are_not_forwarded_to_backends()
    {
        var gateway = StartGateway();
        using var bearer = TestClient.Full.Request(HttpMethod.Get, "/v1/models");
        using var apiKey = new HttpRequestMessage(HttpMethod.Get, "/v1/agents");
        apiKey.Headers.Add("api-key", TestClient.Full.Key);

        (await gateway.Client.SendAsync(bearer)).EnsureSuccessStatusCode();
        (await gateway.Client.SendAsync(apiKey)).EnsureSuccessStatusCode();

        var received = Models.ReceivedHeaders.Concat(Agents.ReceivedHeaders).ToList();
        Assert.Equal(2, received.Count);
        Assert.All(received, headers =>
        {
            Assert.False(headers.ContainsKey("Authorization"));
            Assert.False(headers.ContainsKey("api-key"));
            Assert.DoesNotContain(headers.Values, value => value.Contains(TestClient.Full.Key, StringComparison.Ordinal));
            Assert.Equal(TestClient.Full.ClientId, headers[PlatformHeaders.ClientId]);
        });
    }

    [Fact]
    public async Task Request_id_and_forwarded_headers_reach_the_backend()
    {
        var gateway = StartGateway();
        using var request = TestClient.Full.Request(HttpMethod.Get, "/v1/models");
        request.Headers.Add(RequestIds.Header, "req-forward-1");

        using var response = await gateway.Client.SendAsync(request);

        var received = Models.ReceivedHeaders.Single();
        Assert.Equal("req-forward-1", received[RequestIds.Header]);
        Assert.Equal("req-forward-1", response.Headers.GetValues(RequestIds.Header).Single());
        Assert.Equal("127.0.0.1", received["X-Forwarded-For"]);
        Assert.Equal("http", received["X-Forwarded-Proto"]);
        Assert.Equal(gateway.Address.Authority, received["X-Forwarded-Host"]);
    }

    [Fact]
    public async Task Cors_is_off_unless_origins_are_configured()
    {
        var closed = StartGateway();
        var open = StartGateway(Settings().With("Cors:AllowedOrigins:0", "https://app.example"));

        using var closedResponse = await PreflightAsync(closed);
        using var openResponse = await PreflightAsync(open);

        Assert.False(closedResponse.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal("https://app.example", openResponse.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    private static Task<HttpResponseMessage> PreflightAsync(GatewayInstance gateway)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/v1/models");
        request.Headers.Add("Origin", "https://app.example");
        request.Headers.Add("Access-Control-Request-Method", "GET");
        request.Headers.Add("Access-Control-Request-Headers", "authorization");
        return gateway.Client.SendAsync(request);
    }
}
