using System.Globalization;
using Platform.TestSupport;

namespace Platform.Bench.AgentEvents;

/// <summary>
/// The real agent service, built in the same configuration as this program, run as its own process as an API-only
/// replica (no queue worker, so the Redis commands counted are the event streams' alone) with the given delivery.
/// </summary>
public static class AgentReplica
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    public const string ClientId = "bench-client";

    public static async Task<ChildProcess> StartAsync(string repository, int redisPort, string delivery)
    {
        var assembly = Path.Combine(repository, "AgentService", "bin", Configuration, "net10.0", "AgentService.dll");
        if (!File.Exists(assembly))
        {
            throw new FileNotFoundException($"Build the agent service first: dotnet build -c {Configuration} AgentService", assembly);
        }

        var port = FreePort.Next();
        var replica = ChildProcess.Start("dotnet", [assembly], port, new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Warning",
            ["ConnectionStrings__redis"] = $"127.0.0.1:{redisPort}",
            ["Models__BaseUrl"] = "http://127.0.0.1:9/v1",
            ["Runs__WorkerEnabled"] = "false",
            [SignedCaller.KeyVariable] = SignedCaller.Key,
            ["Runs__EventDelivery"] = delivery,
            ["Runs__EventHeartbeatInterval"] = TimeSpan.FromMinutes(10).ToString("c", CultureInfo.InvariantCulture),
            // One client holds every stream's run queued at once (no workers), far beyond a tenant's default share.
            ["Quotas__ActiveRuns"] = "1000000",
        }, Path.GetDirectoryName(assembly));
        using var http = new HttpClient { BaseAddress = replica.Address };
        await replica.WaitUntilAsync(async () => (await http.GetAsync("/health/ready")).IsSuccessStatusCode);
        return replica;
    }
}
