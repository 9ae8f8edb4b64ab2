using System.Globalization;
using StackExchange.Redis;

namespace Platform.Bench.AgentEvents;

/// <summary>What the open, idle streams cost over a window: Redis commands (INFO commandstats) and CPU.</summary>
public sealed record IdleResult(double CommandsPerSecond, double ReplicaCpuPercent, double RedisCpuPercent);

public static class IdleCost
{
    public static async Task<IdleResult> MeasureAsync(ChildProcess redis, ChildProcess replica, int seconds)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{redis.Port},allowAdmin=true");
        var server = connection.GetServer(connection.GetEndPoints()[0]);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var commandsBefore = await CommandsAsync(server);
        var replicaBefore = replica.CpuTime();
        var redisBefore = redis.CpuTime();
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        var commands = await CommandsAsync(server) - commandsBefore;
        return new IdleResult(
            commands / (double)seconds,
            (replica.CpuTime() - replicaBefore).TotalSeconds / seconds * 100,
            (redis.CpuTime() - redisBefore).TotalSeconds / seconds * 100);
    }

    // Every command but this measurement's own INFO calls.
    private static async Task<long> CommandsAsync(IServer server) =>
        (await server.InfoAsync("commandstats")).SelectMany(section => section)
            .Where(entry => entry.Key != "cmdstat_info")
            .Sum(entry => long.Parse(entry.Value.Split(',')[0]["calls=".Length..], CultureInfo.InvariantCulture));
}
