using System.Globalization;
using StackExchange.Redis;

namespace Platform.AgentService.Tests;

/// <summary>
/// Counts the commands a redis-server executed, from <c>INFO commandstats</c>, per command name. Connection
/// housekeeping that is not work (<c>info</c> itself, <c>ping</c>, <c>echo</c>, <c>client</c>) is left out.
/// </summary>
public sealed class RedisCommandCounter : IAsyncDisposable
{
    private static readonly HashSet<string> Housekeeping = ["info", "ping", "echo", "client"];

    private readonly ConnectionMultiplexer _connection;
    private readonly IServer _server;

    private RedisCommandCounter(ConnectionMultiplexer connection)
    {
        _connection = connection;
        _server = connection.GetServer(connection.GetEndPoints()[0]);
    }

    public static async Task<RedisCommandCounter> ConnectAsync(string connectionString) =>
        new(await ConnectionMultiplexer.ConnectAsync(connectionString + ",allowAdmin=true"));

    /// <summary>Calls so far of every command but housekeeping, by name.</summary>
    public async Task<IReadOnlyDictionary<string, long>> SnapshotAsync()
    {
        var sections = await _server.InfoAsync("commandstats");
        return sections.SelectMany(section => section)
            .Select(entry => (Name: entry.Key.Replace("cmdstat_", "", StringComparison.Ordinal), Calls: Calls(entry.Value)))
            .Where(entry => !Housekeeping.Contains(entry.Name.Split('|')[0]))
            .ToDictionary(entry => entry.Name, entry => entry.Calls);
    }

    /// <summary>Commands executed between two snapshots, by name (only those that changed).</summary>
    public static IReadOnlyDictionary<string, long> Between(IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after) =>
        after.Select(entry => (entry.Key, Delta: entry.Value - before.GetValueOrDefault(entry.Key)))
            .Where(entry => entry.Delta != 0)
            .ToDictionary(entry => entry.Key, entry => entry.Delta);

    // "calls=12,usec=34,usec_per_call=2.83,..."
    private static long Calls(string stats) =>
        long.Parse(stats.Split(',').First(part => part.StartsWith("calls=", StringComparison.Ordinal))[6..], CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}
