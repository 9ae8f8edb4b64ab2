using System.Globalization;
using StackExchange.Redis;

namespace Platform.Bench.AgentEvents;

/// <summary>What the open, idle streams cost over a window: Redis commands (INFO commandstats) and CPU.</summary>
public sealed record IdleResult(double CommandsPerSecond, double ReplicaCpuPercent, double RedisCpuPercent, IReadOnlyDictionary<string, long> Commands);

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
        var commands = Between(commandsBefore, await CommandsAsync(server));
        return new IdleResult(
            commands.Values.Sum() / (double)seconds,
            (replica.CpuTime() - replicaBefore).TotalSeconds / seconds * 100,
            (redis.CpuTime() - redisBefore).TotalSeconds / seconds * 100,
            commands);
    }

    private static Dictionary<string, long> Between(Dictionary<string, long> before, Dictionary<string, long> after) =>
        after.Select(entry => (entry.Key, Delta: entry.Value - before.GetValueOrDefault(entry.Key)))
            .Where(entry => entry.Delta > 0)
            .ToDictionary(entry => entry.Key, entry => entry.Delta);

    // Every command but this measurement's own INFO calls.
    private static async Task<Dictionary<string, long>> CommandsAsync(IServer server) =>
        (await server.InfoAsync("commandstats")).SelectMany(section => section)
            .Where(entry => entry.Key != "cmdstat_info")
            .ToDictionary(entry => entry.Key["cmdstat_".Length..], entry => long.Parse(entry.Value.Split(',')[0]["calls=".Length..], CultureInfo.InvariantCulture));
}
