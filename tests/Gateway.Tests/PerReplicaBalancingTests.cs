using System.Net;
using Platform.Gateway.Tests.Support;
using Platform.TestSupport;
using Xunit.Abstractions;

namespace Platform.Gateway.Tests;

/// <summary>
/// Through real DNS (a server the test runs, answering as a headless Service does), each replica behind one name
/// is its own destination: load is shared, health is judged per replica, and the set follows the records.
/// </summary>
public sealed class PerReplicaBalancingTests(ITestOutputHelper output) : GatewayTestBase
{
    private const string Name = "models-pods.platform.test";
    private const int Requests = 60;

    [Fact]
    public async Task With_three_replicas_behind_one_name_one_failing_replica_is_taken_out_alone()
    {
        await using var dns = new DnsResponder();
        var port = FreePort.Next();
        var replicas = new List<BackendReplica>();
        for (var i = 1; i <= 3; i++)
        {
            replicas.Add(Own(await BackendReplica.StartAsync($"models-{i}", $"127.0.0.{10 + i}", port)));
        }

        dns.Set(Name, [.. replicas.Select((_, i) => IPAddress.Parse($"127.0.0.{11 + i}"))]);
        var gateway = StartGateway(Settings(dns, port));

        Assert.True(await ServedByAsync(gateway, ["models-1", "models-2", "models-3"]), "all three replicas share the load");

        replicas[1].Ready = false;
        var servedBy = new HashSet<string>();
        Assert.True(await Eventually.HoldsAsync(async () => (servedBy = await ReadAsync(gateway)).SetEquals(["models-1", "models-3"])),
            $"only the failing replica leaves; served by {string.Join(", ", servedBy)}");
        output.WriteLine($"after models-2 failed its readiness: served by {string.Join(", ", servedBy)}; {dns.Queries} DNS queries so far");

        replicas[1].Ready = true;
        Assert.True(await ServedByAsync(gateway, ["models-1", "models-2", "models-3"]), "the replica comes back when healthy again");
    }

    [Fact]
    public async Task Replicas_that_appear_and_disappear_in_dns_gain_and_lose_traffic()
    {
        await using var dns = new DnsResponder();
        var port = FreePort.Next();
        var first = Own(await BackendReplica.StartAsync("models-1", "127.0.0.21", port));
        var second = Own(await BackendReplica.StartAsync("models-2", "127.0.0.22", port));
        dns.Set(Name, IPAddress.Parse("127.0.0.21"));
        var gateway = StartGateway(Settings(dns, port));
        Assert.True(await ServedByAsync(gateway, ["models-1"]));

        dns.Set(Name, IPAddress.Parse("127.0.0.21"), IPAddress.Parse("127.0.0.22"));
        Assert.True(await ServedByAsync(gateway, ["models-1", "models-2"]), "a scaled-out replica gets traffic");

        dns.Set(Name, IPAddress.Parse("127.0.0.22"));
        Assert.True(await ServedByAsync(gateway, ["models-2"]), "a replica gone from DNS gets none");
        var servedByFirst = first.Requests;
        await ReadAsync(gateway);
        Assert.Equal(servedByFirst, first.Requests);
        Assert.True(second.Requests > 0);
    }

    private GatewaySettings Settings(DnsResponder dns, int port) => new GatewaySettings(Redis.ConnectionString)
        .WithAgents(Agents)
        .With("ReverseProxy:Clusters:models:Destinations:models:Address", $"http://{Name}:{port}")
        .With("PerReplicaDestinations:NameServer", dns.EndPoint.ToString())
        .With("PerReplicaDestinations:RefreshPeriod", "00:00:00.200");

    private static async Task<bool> ServedByAsync(GatewayInstance gateway, string[] expected) =>
        await Eventually.HoldsAsync(async () => (await ReadAsync(gateway)).SetEquals(expected));

    /// <summary>Which replicas answered a burst of reads; a failed read counts as an unknown replica.</summary>
    private static async Task<HashSet<string>> ReadAsync(GatewayInstance gateway)
    {
        var replicas = new HashSet<string>();
        for (var i = 0; i < Requests; i++)
        {
            using var response = await gateway.SendAsync(TestClient.Full, HttpMethod.Get, "/v1/models");
            replicas.Add(response.StatusCode == HttpStatusCode.OK ? (await EchoReply.ReadAsync(response)).Replica : $"status {(int)response.StatusCode}");
        }

        return replicas;
    }
}
