using System.Net;
using System.Net.Http.Json;

namespace Platform.ModelService.Tests;

/// <summary>Usage and quotas live in Redis; serving models does not stop when it is gone.</summary>
public sealed class RedisOutageTests
{
    [Fact]
    public async Task Without_redis_the_service_stays_ready_and_serves_unmetered_calls()
    {
        await using var host = await ModelServiceHost.StartAsync();
        (await host.Client.PostAsJsonAsync("/v1/embeddings", new { model = ModelServiceHost.EmbeddingModel, input = "metered" })).EnsureSuccessStatusCode();

        await host.Redis.StopAsync();
        var served = await host.Client.PostAsJsonAsync("/v1/embeddings", new { model = ModelServiceHost.EmbeddingModel, input = "not metered" });

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.False(served.Headers.Contains("x-ratelimit-limit-tokens"));
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/health/ready")).StatusCode);
        var metrics = await host.Client.GetStringAsync("/metrics");
        Assert.Matches("platform_models_usage_errors_total\\{[^}]*operation=\"check\"[^}]*\\} [1-9]", metrics);
    }
}
