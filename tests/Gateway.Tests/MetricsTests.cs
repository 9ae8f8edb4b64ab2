using System.Net;
using Platform.Gateway.Tests.Support;
using Platform.TestSupport;

namespace Platform.Gateway.Tests;

public sealed class MetricsTests : GatewayTestBase
{
    [Fact]
    public async Task Requests_are_counted_by_route_opted_in_client_and_status_and_rejections_by_reason()
    {
        var client = TestClient.Unique(Platform.Gateway.Authentication.Scopes.Models);
        var gateway = StartGateway(Settings().WithClients(client).With("RateLimits:RequestsPerMinute", 3)
            .With("GatewayMetrics:LabelledClients:0", client.ClientId));

        (await gateway.SendAsync(client, HttpMethod.Get, "/v1/models")).EnsureSuccessStatusCode();
        (await gateway.SendAsync(client, HttpMethod.Post, "/v1/embeddings", new ByteArrayContent([1, 2, 3]))).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Forbidden, (await gateway.SendAsync(client, HttpMethod.Get, "/v1/threads")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await gateway.Client.GetAsync("/v1/models")).StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge,
            (await gateway.SendAsync(client, HttpMethod.Post, "/v1/chat/completions", new ByteArrayContent(new byte[1024 * 1024 + 1]))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gateway.SendAsync(client, HttpMethod.Get, "/v1/models")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await gateway.SendAsync(client, HttpMethod.Get, "/v1/models")).StatusCode);

        var id = $"client=\"{client.ClientId}\"";
        Assert.True(await Eventually.HoldsAsync(async () =>
            await gateway.MetricAsync("platform_gateway_requests_total", "route=\"models\"", id, "status_code=\"200\"") == 2
            && await gateway.MetricAsync("platform_gateway_requests_total", "route=\"embeddings\"", id, "status_code=\"200\"") == 1
            && await gateway.MetricAsync("platform_gateway_requests_total", "route=\"models\"", id, "status_code=\"429\"") == 1
            && await gateway.MetricAsync("platform_gateway_requests_total", "route=\"models\"", "client=\"anonymous\"", "status_code=\"401\"") == 1
            && await gateway.MetricAsync("platform_gateway_rejections_total", "reason=\"unauthenticated\"") == 1
            && await gateway.MetricAsync("platform_gateway_rejections_total", "reason=\"forbidden\"", "route=\"threads\"") == 1
            && await gateway.MetricAsync("platform_gateway_rejections_total", "reason=\"body_too_large\"", "route=\"chat\"") == 1
            && await gateway.MetricAsync("platform_gateway_rejections_total", "reason=\"rate_limited\"", "route=\"models\"") == 1),
            await gateway.Client.GetStringAsync("/metrics"));
    }

    [Fact]
    public async Task Metrics_name_no_client_that_was_not_opted_in()
    {
        var clients = Enumerable.Range(0, 5).Select(_ => TestClient.Unique(Platform.Gateway.Authentication.Scopes.Models)).ToArray();
        var gateway = StartGateway(Settings().WithClients(clients));

        foreach (var client in clients)
        {
            (await gateway.SendAsync(client, HttpMethod.Get, "/v1/models")).EnsureSuccessStatusCode();
        }

        Assert.True(await Eventually.HoldsAsync(async () =>
            await gateway.MetricAsync("platform_gateway_requests_total", "route=\"models\"", "client=\"other\"", "status_code=\"200\"") == 5));
        var scrape = await gateway.Client.GetStringAsync("/metrics");
        Assert.All(clients, client => Assert.DoesNotContain(client.ClientId, scrape, StringComparison.Ordinal));
    }
}
