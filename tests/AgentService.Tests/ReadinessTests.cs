using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;
using Platform.TestSupport;

namespace Platform.AgentService.Tests;

public sealed class ReadinessTests
{
    [Fact]
    public async Task Readiness_fails_while_redis_is_away_and_recovers_when_it_returns()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("ConnectionStrings:redis", redis.ConnectionString);
            web.UseSetting(SignedCaller.KeySetting, SignedCaller.Key);
        });
        // UseKestrel(0) still binds the default port 5000, which collides with any other host; listen on a free port.
        factory.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        factory.StartServer();
        using var client = factory.CreateClient();

        Assert.True(await Eventually.HoldsAsync(async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK));

        await redis.StopAsync();
        Assert.True(await Eventually.HoldsAsync(async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.ServiceUnavailable));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);

        await redis.StartAgainAsync();
        Assert.True(await Eventually.HoldsAsync(async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(60)));
    }

    [Theory]
    [InlineData("")]
    [InlineData(",,,")]
    public void Missing_or_malformed_redis_setting_stops_start_up_naming_the_setting(string value)
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("ConnectionStrings:redis", value);
            web.UseSetting(SignedCaller.KeySetting, SignedCaller.Key);
        });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("ConnectionStrings:redis", Flatten(error));
    }

    private static string Flatten(Exception exception) =>
        exception is AggregateException aggregate
            ? string.Join(" | ", aggregate.InnerExceptions.Select(Flatten))
            : exception.Message + (exception.InnerException is { } inner ? " | " + Flatten(inner) : "");
}
