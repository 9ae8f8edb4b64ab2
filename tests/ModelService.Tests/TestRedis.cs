using Platform.TestSupport;

namespace Platform.ModelService.Tests;

/// <summary>
/// One redis-server for the whole test run (usage counters and quotas live there); tests that read usage use tenants
/// of their own, so they never see each other's counts. Stopped when the test process exits.
/// </summary>
public static class TestRedis
{
    private static readonly Lazy<RedisServer> Server = new(() =>
    {
        var server = RedisServer.StartAsync().GetAwaiter().GetResult();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.StopAsync().GetAwaiter().GetResult();
        return server;
    });

    public static string ConnectionString => Server.Value.ConnectionString;

    /// <summary>A tenant id no other test uses.</summary>
    public static string NewTenant(string name) => $"{name}-{Guid.NewGuid():N}";
}
