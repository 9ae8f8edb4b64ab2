using System.Net;
using Platform.Gateway.Tests.Support;
using Platform.TestSupport;

namespace Platform.Gateway.Tests;

public sealed class RateLimitTests : GatewayTestBase
{
    [Fact]
    public async Task Two_gateway_replicas_share_one_limit_through_redis()
    {
        var client = TestClient.Unique();
        var settings = Settings().WithClients(client).With("RateLimits:RequestsPerMinute", 4);
        var first = StartGateway(settings);
        var second = StartGateway(settings);

        var statuses = new List<HttpStatusCode>();
        var remaining = new List<string>();
        foreach (var gateway in new[] { first, second, first, second })
        {
            using var response = await gateway.SendAsync(client, HttpMethod.Get, "/v1/models");
            statuses.Add(response.StatusCode);
            remaining.Add(response.Headers.GetValues("x-ratelimit-remaining").Single());
        }

        using var rejected = await second.SendAsync(client, HttpMethod.Get, "/v1/models");

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(["3", "2", "1", "0"], remaining);
        Assert.Equal(HttpStatusCode.TooManyRequests, rejected.StatusCode);
        Assert.Equal("4", rejected.Headers.GetValues("x-ratelimit-limit").Single());
        var retryAfter = int.Parse(rejected.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        var error = await AuthenticationTests.ErrorOf(rejected);
        Assert.Equal("rate_limit_error", error.GetProperty("type").GetString());
        Assert.Equal("rate_limit_exceeded", error.GetProperty("code").GetString());
        Assert.Equal(4, Models.Requests);
    }

    [Fact]
    public async Task Limits_are_per_client()
    {
        var limited = TestClient.Unique();
        var other = TestClient.Unique();
        var gateway = StartGateway(Settings().WithClients(limited, other).With("RateLimits:RequestsPerMinute", 1));

        using var first = await gateway.SendAsync(limited, HttpMethod.Get, "/v1/models");
        using var second = await gateway.SendAsync(limited, HttpMethod.Get, "/v1/models");
        using var someoneElse = await gateway.SendAsync(other, HttpMethod.Get, "/v1/models");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, someoneElse.StatusCode);
    }

    [Fact]
    public async Task Without_redis_each_replica_still_limits_and_counts_the_fallback()
    {
        var client = TestClient.Unique();
        var gateway = StartGateway(Settings().WithClients(client).With("RateLimits:RequestsPerMinute", 3));
        using (var warmUp = await gateway.Client.GetAsync("/health/ready"))
        {
            Assert.Equal(HttpStatusCode.OK, warmUp.StatusCode);
        }

        await Redis.StopAsync();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await gateway.SendAsync(client, HttpMethod.Get, "/v1/models");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(await Eventually.HoldsAsync(async () =>
            await gateway.MetricAsync("platform_gateway_ratelimit_fallback_total", "limit=\"requests\"") >= 4));
        // Redis away degrades readiness instead of failing it: the replica keeps serving with its own limits.
        using var ready = await gateway.Client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("Degraded", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Concurrent_streams_beyond_the_limit_get_429_and_the_slot_returns_when_a_stream_ends()
    {
        var client = TestClient.Unique();
        var gateway = StartGateway(Settings().WithClients(client).With("RateLimits:ConcurrentStreams", 1));

        using var open = await Sse.StartAsync(gateway, client);
        await open.ReadEventAsync();
        using var refused = await gateway.Client.SendAsync(Sse.Request(client), HttpCompletionOption.ResponseHeadersRead);
        using var plain = await gateway.SendAsync(client, HttpMethod.Get, "/v1/models");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("1", refused.Headers.GetValues("Retry-After").Single());
        Assert.Contains("concurrent streams", (await AuthenticationTests.ErrorOf(refused)).GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);

        Models.Gate.TrySetResult();
        await open.ReadToEndAsync();
        Assert.True(await Eventually.HoldsAsync(async () =>
        {
            using var again = await gateway.Client.SendAsync(Sse.Request(client), HttpCompletionOption.ResponseHeadersRead);
            return again.StatusCode == HttpStatusCode.OK;
        }));
    }
}
