using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Platform.TestSupport;

namespace Platform.AgentService.Tests;

/// <summary>
/// Failures are described to clients without the service's insides: no internal address, no library message, no
/// exception type. The logs and traces keep the whole exception.
/// </summary>
public sealed class ErrorDisclosureTests
{
    [Fact]
    public async Task A_run_whose_models_service_is_unreachable_fails_naming_no_address()
    {
        await using var redis = await RedisServer.StartAsync();
        var closedPort = FreePort.Next();
        await using var host = new AgentServiceHost(redis.ConnectionString, $"http://127.0.0.1:{closedPort}/v1");
        using var client = host.ClientFor("disclosure-client");
        var agent = await client.CreateAgentAsync();
        var thread = await client.CreateThreadAsync();

        var run = await client.PostJsonAsync($"/v1/threads/{thread}/runs", new { agent_id = agent, input = "Hello" }, 200);
        var runId = run["id"]!.GetValue<string>();
        var failed = await client.WaitForStatusAsync(runId, "failed");
        var events = await (await client.GetAsync($"/v1/runs/{runId}/events")).ReadSseAsync();
        var error = events.Single(e => e.Type == "error");

        Assert.Equal("The models service could not be reached.", error.Data["message"]!.GetValue<string>());
        Assert.Null(error.Data["type"]);
        Assert.DoesNotContain(closedPort.ToString(), failed.ToJsonString());
        Assert.DoesNotContain(closedPort.ToString(), error.Data.ToJsonString());
    }

    [Fact]
    public async Task Readiness_outside_development_names_no_address_of_the_redis_it_cannot_reach()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("ConnectionStrings:redis", redis.ConnectionString);
            web.UseSetting(SignedCaller.KeySetting, SignedCaller.Key);
            web.UseEnvironment("Production");
        });
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        using var client = factory.CreateClient();
        var port = redis.ConnectionString.Split(':')[^1].Split(',')[0];

        await redis.StopAsync();
        var body = "";
        Assert.True(await Eventually.HoldsAsync(async () =>
        {
            var response = await client.GetAsync("/health/ready");
            body = await response.Content.ReadAsStringAsync();
            return response.StatusCode == HttpStatusCode.ServiceUnavailable;
        }));

        Assert.Contains("Unhealthy", body);
        Assert.DoesNotContain(port, body);
    }
}
