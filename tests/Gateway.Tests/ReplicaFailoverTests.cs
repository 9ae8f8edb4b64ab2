using System.Net;
using Platform.Gateway.Tests.Support;
using Xunit.Abstractions;

namespace Platform.Gateway.Tests;

public sealed class ReplicaFailoverTests(ITestOutputHelper output) : GatewayTestBase
{
    private const int RequestsBefore = 100;
    private const int RequestsAfter = 200;
    private const int Callers = 4;

    [Fact]
    public async Task Replica_taken_down_under_a_stream_of_reads_costs_no_failed_requests()
    {
        await using var second = await BackendReplica.StartAsync("models-2");
        var gateway = StartGateway(Settings().WithModels(Models, second));

        var before = await ReadManyAsync(gateway, RequestsBefore);
        var stopping = Models.StopAsync();
        var during = await ReadManyAsync(gateway, RequestsAfter);
        await stopping;
        var servedByFirst = Models.Requests;
        var after = await ReadManyAsync(gateway, RequestsBefore);

        output.WriteLine($"before: {before.Failed} failed of {RequestsBefore}; while one replica stopped: {during.Failed} failed of {RequestsAfter}; after: {after.Failed} failed of {RequestsBefore}");
        output.WriteLine($"served by models-1: {servedByFirst}, by models-2: {second.Requests}; sent again to the other replica: {await gateway.MetricAsync("platform_gateway_upstream_retries_total")}");
        Assert.Equal(0, before.Failed);
        Assert.True(before.Replicas.SetEquals(["models-1", "models-2"]), "both replicas share the load while both are up");
        Assert.Equal(0, during.Failed);
        Assert.Equal(0, after.Failed);
        Assert.Equal(["models-2"], after.Replicas);
        Assert.Equal(servedByFirst, Models.Requests);
    }

    [Fact]
    public async Task Posts_sent_to_a_replica_that_stopped_listening_reach_the_other_replica_with_their_bodies_whole()
    {
        await using var second = await BackendReplica.StartAsync("models-2");
        var gateway = StartGateway(Settings().WithModels(Models, second));
        await Models.StopAsync();

        var failed = 0;
        var bodies = new List<(string Sent, string Received, string Replica)>();
        for (var i = 0; i < 40; i++)
        {
            var body = $$"""{"model":"m","input":"sentence {{i}}"}""";
            using var response = await gateway.SendAsync(TestClient.Full, HttpMethod.Post, "/v1/embeddings", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            if (response.StatusCode != HttpStatusCode.OK)
            {
                failed++;
                continue;
            }

            var echo = await EchoReply.ReadAsync(response);
            bodies.Add((Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(body))), echo.BodySha256, echo.Replica));
        }

        output.WriteLine($"{failed} failed of 40; sent again to the other replica: {await gateway.MetricAsync("platform_gateway_upstream_retries_total")}");
        Assert.Equal(0, failed);
        Assert.All(bodies, body => Assert.Equal(body.Sent, body.Received));
        Assert.All(bodies, body => Assert.Equal("models-2", body.Replica));
    }

    private static async Task<(int Failed, HashSet<string> Replicas)> ReadManyAsync(GatewayInstance gateway, int count)
    {
        var failed = 0;
        var replicas = new HashSet<string>();
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, Callers).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= count)
            {
                try
                {
                    using var response = await gateway.SendAsync(TestClient.Full, HttpMethod.Get, "/v1/models");
                    // A retried answer must still carry what the gateway added before the first attempt.
                    if (response.StatusCode != HttpStatusCode.OK || !response.Headers.Contains("x-ratelimit-remaining"))
                    {
                        Interlocked.Increment(ref failed);
                        continue;
                    }

                    var replica = (await EchoReply.ReadAsync(response)).Replica;
                    lock (replicas)
                    {
                        replicas.Add(replica);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }));
        return (failed, replicas);
    }
}
