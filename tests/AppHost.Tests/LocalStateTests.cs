using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.Configuration;
using Platform.AppHost.LocalRun;
using Platform.TestSupport;

namespace Platform.AppHost.Tests;

/// <summary>
/// Local state survives an AppHost restart: the whole graph started from <c>AppHost/Program.cs</c> with its data
/// directory in a scratch folder, stopped and started again. The other tests run with <c>LocalState:Persist=false</c>.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class LocalStateTests
{
    [Fact]
    public async Task An_agent_created_before_an_AppHost_restart_is_still_listed_after_it()
    {
        var directory = Directory.CreateTempSubdirectory("platform-localstate-").FullName;
        try
        {
            string agentId;
            await using (var first = await StartAsync(directory))
            {
                using var gateway = GatewayClient(first);
                using var created = await gateway.PostAsJsonAsync("/v1/agents", new { name = "kept", instructions = "Survive a restart.", model = "none" });
                Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
                agentId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
            }

            Assert.True(Directory.Exists(Path.Combine(directory, "redis", "appendonlydir")), "Redis wrote its append-only file under the local state directory");

            await using var second = await StartAsync(directory);
            using var restarted = GatewayClient(second);
            var listed = await restarted.GetFromJsonAsync<JsonElement>("/v1/agents");

            Assert.Contains(listed.GetProperty("data").EnumerateArray(), agent => agent.GetProperty("id").GetString() == agentId);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void State_persists_by_default_except_under_the_testing_builder()
    {
        static bool Persists(params (string Key, string Value)[] settings) => LocalState.From(
            new ConfigurationBuilder().AddInMemoryCollection(settings.Select(setting => KeyValuePair.Create(setting.Key, (string?)setting.Value))).Build(),
            AppContext.BaseDirectory).Persist;

        Assert.True(Persists());
        Assert.False(Persists(("DcpPublisher:RandomizePorts", "true")));
        Assert.True(Persists(("DcpPublisher:RandomizePorts", "true"), ("LocalState:Persist", "true")));
        Assert.False(Persists(("LocalState:Persist", "false")));
    }

    [Fact]
    public async Task The_graph_built_by_the_testing_builder_runs_redis_without_persistence()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>();
        await using var app = await builder.BuildAsync();

        var redis = builder.Resources.OfType<RedisServerResource>().Single();
        var collected = new List<object>();
        foreach (var annotation in redis.Annotations.OfType<CommandLineArgsCallbackAnnotation>())
        {
            await annotation.Callback(new CommandLineArgsCallbackContext(collected, redis, CancellationToken.None));
        }

        var arguments = collected.Select(argument => argument.ToString()).ToList();

        Assert.Equal(["--save", "", "--appendonly", "no"], arguments.TakeLast(4));
        Assert.DoesNotContain("--dir", arguments);
    }

    [Fact]
    public void Clean_deletes_the_local_state_and_persist_off_keeps_nothing_on_disk()
    {
        var directory = Directory.CreateTempSubdirectory("platform-localstate-").FullName;
        File.WriteAllText(Path.Combine(directory, "left-over"), "state of an earlier run");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["LocalState:Directory"] = directory, ["LocalState:Clean"] = "true" })
            .Build();

        try
        {
            var state = LocalState.From(configuration, AppContext.BaseDirectory);

            Assert.False(Directory.Exists(directory));
            Assert.Equal(["--save", "", "--appendonly", "no"], RedisResourceExtensions.PersistenceArguments(state with { Persist = false }, "redis"));
            Assert.False(Directory.Exists(directory));
            Assert.Equal(
                ["--dir", Path.Combine(directory, "redis"), "--appendonly", "yes", "--appendfsync", "everysec", "--save", ""],
                RedisResourceExtensions.PersistenceArguments(state, "redis"));
            Assert.True(Directory.Exists(Path.Combine(directory, "redis")));
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static async Task<DistributedApplication> StartAsync(string stateDirectory)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [$"LocalState:Directory={stateDirectory}", "LocalState:Persist=true"]);
        var app = await builder.BuildAsync();
        using var cts = new CancellationTokenSource(PlatformFixture.StartTimeout);
        await app.StartAsync(cts.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("gateway", cts.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("agents", cts.Token);
        return app;
    }

    private static HttpClient GatewayClient(DistributedApplication app)
    {
        var client = app.CreateHttpClient("gateway");
        client.DefaultRequestHeaders.Authorization = new("Bearer", GatewayDevelopmentKey.Key);
        return client;
    }
}
