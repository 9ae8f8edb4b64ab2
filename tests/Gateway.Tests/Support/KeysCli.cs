using System.Diagnostics;

namespace Platform.Gateway.Tests.Support;

/// <summary>The <c>platform-keys</c> tool run as its own process (<c>dotnet platform-keys.dll</c>), as an operator runs it.</summary>
public static class KeysCli
{
    public sealed record Outcome(int ExitCode, string Output, string Error);

    public static async Task<Outcome> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "platform-keys.dll"));
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        startInfo.Environment.Remove("PLATFORM_ADMIN_KEY");
        startInfo.Environment.Remove("PLATFORM_GATEWAY");
        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new Outcome(process.ExitCode, await output, await error);
    }

    /// <summary>Runs against <paramref name="gateway"/> with <paramref name="adminKey"/> in the environment.</summary>
    public static Task<Outcome> RunAsync(GatewayInstance gateway, string adminKey, params string[] args) =>
        RunAsync(new Dictionary<string, string?> { ["PLATFORM_ADMIN_KEY"] = adminKey }, ["--gateway", gateway.Address.ToString(), .. args]);
}
