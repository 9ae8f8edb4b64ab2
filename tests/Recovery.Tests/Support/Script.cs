using System.Diagnostics;

namespace Platform.Recovery.Tests.Support;

/// <summary>What a script printed: its result on standard output, its progress log on standard error.</summary>
public sealed record ScriptResult(int ExitCode, string Output, string Log);

/// <summary>Runs one of the repository's scripts (<c>deploy/...</c>) with <c>sh</c>, as the cluster's jobs and the runbooks do.</summary>
public static class Script
{
    /// <summary>Runs the script; a non-zero exit fails the test with everything it printed.</summary>
    public static async Task<ScriptResult> RunAsync(string relativePath, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var result = await TryRunAsync(relativePath, arguments, environment);
        Assert.True(result.ExitCode == 0, $"{relativePath} {string.Join(' ', arguments)} exited with {result.ExitCode}:\n{result.Output}\n{result.Log}");
        return result;
    }

    public static async Task<ScriptResult> TryRunAsync(string relativePath, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var startInfo = new ProcessStartInfo("sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot.Path,
        };
        startInfo.ArgumentList.Add(RepositoryRoot.Combine(relativePath.Split('/')));
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[key] = value;
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"sh {relativePath} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var log = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new ScriptResult(process.ExitCode, await output, await log);
    }
}
