using Aspire.Hosting.Testing;
using System.Net.Sockets;
using System.Text;

namespace Platform.AppHost.Tests;

[Collection(PlatformCollection.Name)]
public sealed class LocalRedisTests(PlatformFixture platform)
{
    [Fact]
    public async Task Local_redis_has_a_memory_limit_and_refuses_writes_rather_than_evicting_when_full()
    {
        await platform.WaitUntilHealthyAsync("redis");
        var connection = await platform.App.GetConnectionStringAsync("redis") ?? throw new InvalidOperationException("redis has no connection string");

        var policy = await ConfigGetAsync(connection, "maxmemory-policy");
        var limit = await ConfigGetAsync(connection, "maxmemory");

        Assert.Contains("noeviction", policy, StringComparison.Ordinal);
        Assert.Contains((512L * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture), limit, StringComparison.Ordinal);
    }

    /// <summary>Asks Redis over its own protocol (the tests carry no Redis client), authenticating when the connection string has a password.</summary>
    private static async Task<string> ConfigGetAsync(string connectionString, string parameter)
    {
        var parts = connectionString.Split(',');
        var endpoint = parts[0].Split(':');
        var password = parts.Skip(1).Select(p => p.Split('=', 2)).FirstOrDefault(p => p[0] == "password")?[1];
        using var client = new TcpClient();
        await client.ConnectAsync(endpoint[0], int.Parse(endpoint[1], System.Globalization.CultureInfo.InvariantCulture));
        var stream = client.GetStream();
        var commands = (password is null ? "" : $"AUTH {password}\r\n") + $"CONFIG GET {parameter}\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(commands));
        var buffer = new byte[4096];
        var text = new StringBuilder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!text.ToString().Contains(parameter, StringComparison.Ordinal) || !text.ToString().EndsWith("\r\n", StringComparison.Ordinal) || text.ToString().Split("\r\n").Length < 6)
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            if (read == 0)
            {
                break;
            }

            text.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        return text.ToString();
    }
}
