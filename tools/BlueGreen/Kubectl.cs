using System.Diagnostics;

namespace Platform.Tools.BlueGreen;

/// <summary>Runs <c>kubectl</c> against the current context, in one namespace; a failure carries kubectl's own message.</summary>
public sealed class Kubectl(string kubectlPath, string @namespace)
{
    public string Namespace { get; } = @namespace;

    public async Task<string> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        using var process = Process.Start(StartInfo(arguments)) ?? throw new InvalidOperationException("kubectl did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"kubectl {string.Join(' ', process.StartInfo.ArgumentList)} failed ({process.ExitCode}): {(await error).Trim()}");
        }

        return await output;
    }

    /// <summary>A long-running kubectl (port-forward) the caller reads and stops.</summary>
    public Process Start(IEnumerable<string> arguments) =>
        Process.Start(StartInfo(arguments)) ?? throw new InvalidOperationException("kubectl did not start");

    private ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(kubectlPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--namespace", Namespace }.Concat(arguments))
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }
}
