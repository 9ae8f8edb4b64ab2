using System.Diagnostics;
using System.Globalization;

namespace Platform.Recovery.Tests.Support;

/// <summary>One <c>redis-cli</c> command against a loopback Redis, the password passed as redis-cli reads it.</summary>
public static class RedisCli
{
    public static async Task<string> RunAsync(int port, string password, params string[] command)
    {
        var startInfo = new ProcessStartInfo("redis-cli")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment = { ["REDISCLI_AUTH"] = password },
        };
        foreach (var argument in (string[])["-p", port.ToString(CultureInfo.InvariantCulture), .. command])
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("redis-cli did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return await output;
    }
}
