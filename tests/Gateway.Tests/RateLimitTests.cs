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

    [Fact]
    public async Task A_replica_reserves_a_share_of_the_window_in_one_call_and_counts_down_from_it()
    {
        var client = TestClient.Unique();
        var gateway = StartGateway(Settings().WithClients(client)
            .With("RateLimits:RequestsPerMinute", 1000).With("RateLimits:ReservationShare", 0.02));

        var remaining = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await gateway.SendAsync(client, HttpMethod.Get, "/v1/models");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            remaining.Add(response.Headers.GetValues("x-ratelimit-remaining").Single());
        }

        Assert.Equal(["999", "998", "997", "996", "995"], remaining);
        Assert.Equal(20, await RequestsCountedInRedisAsync(client));
    }

    [Fact]
    public async Task Concurrent_requests_of_one_client_share_reservations_and_admit_exactly_the_limit()
    {
        var client = TestClient.Unique();
        var gateway = StartGateway(Settings().WithClients(client)
            .With("RateLimits:RequestsPerMinute", 100).With("RateLimits:ReservationShare", 0.1));

        var statuses = await Task.WhenAll(Enumerable.Range(0, 150).Select(async _ =>
        {
            using var response = await gateway.SendAsync(client, HttpMethod.Get, "/v1/models");
            return response.StatusCode;
        }));

        Assert.Equal(100, statuses.Count(status => status == HttpStatusCode.OK));
        Assert.Equal(50, statuses.Count(status => status == HttpStatusCode.TooManyRequests));
        Assert.Equal(100, await RequestsCountedInRedisAsync(client));
    }

    [Fact]
    public async Task Replicas_reserving_in_batches_never_admit_more_than_the_limit_together()
    {
        var client = TestClient.Unique();
        var settings = Settings().WithClients(client)
            .With("RateLimits:RequestsPerMinute", 30).With("RateLimits:ReservationShare", 0.2);
        var replicas = new[] { StartGateway(settings), StartGateway(settings) };

        var statuses = await Task.WhenAll(Enumerable.Range(0, 60).Select(async i =>
        {
            using var response = await replicas[i % 2].SendAsync(client, HttpMethod.Get, "/v1/models");
            return response.StatusCode;
        }));

        // Reservations of 6: at most one unused reservation per replica is lost, the limit is never exceeded.
        Assert.InRange(statuses.Count(status => status == HttpStatusCode.OK), 30 - (2 * 5), 30);
        Assert.All(statuses, status => Assert.Contains(status, new[] { HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
        Assert.Equal(30, await RequestsCountedInRedisAsync(client));
    }

    private async Task<long> RequestsCountedInRedisAsync(TestClient client)
    {
        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(Redis.ConnectionString);
        return (long)await redis.GetDatabase().StringGetAsync($"platform:gateway:ratelimit:{{{client.ClientId}}}:requests");
    }
}
