using Platform.Gateway.Tests.Support;

namespace Platform.Gateway.Tests;

/// <summary>
/// <c>X-Forwarded-*</c> from a peer count only when the peer is a configured proxy: otherwise a client could claim any
/// address or scheme, and the backends would be told it as the gateway's word.
/// </summary>
public sealed class ForwardedHeadersTests : GatewayTestBase
{
    [Fact]
    public async Task Forwarded_headers_from_an_untrusted_peer_are_ignored_even_with_the_framework_switch_on()
    {
        // ASPNETCORE_FORWARDEDHEADERS_ENABLED=true alone would trust every peer; no proxy is configured here.
        var gateway = StartGateway(Settings().With("FORWARDEDHEADERS_ENABLED", "true"));

        var received = await SendSpoofedAsync(gateway);

        Assert.Equal("127.0.0.1", received["X-Forwarded-For"]);
        Assert.Equal("http", received["X-Forwarded-Proto"]);
    }

    [Fact]
    public async Task Forwarded_headers_from_a_configured_proxy_network_are_applied()
    {
        var gateway = StartGateway(Settings().With("ForwardedHeaders:KnownNetworks:0", "127.0.0.0/8"));

        var received = await SendSpoofedAsync(gateway);

        Assert.Equal("203.0.113.9", received["X-Forwarded-For"]);
        Assert.Equal("https", received["X-Forwarded-Proto"]);
    }

    [Fact]
    public async Task A_proxy_setting_that_is_not_an_address_stops_start_up_naming_it()
    {
        var error = Assert.ThrowsAny<Exception>(() => StartGateway(Settings().With("ForwardedHeaders:KnownNetworks:0", "the-edge")));

        Assert.Contains("ForwardedHeaders:KnownNetworks", error.ToString());
    }

    private async Task<IReadOnlyDictionary<string, string>> SendSpoofedAsync(GatewayInstance gateway)
    {
        using var request = TestClient.Full.Request(HttpMethod.Get, "/v1/models");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        request.Headers.Add("X-Forwarded-Proto", "https");

        using var response = await gateway.Client.SendAsync(request);

        response.EnsureSuccessStatusCode();
        return Models.ReceivedHeaders.Last();
    }
}
