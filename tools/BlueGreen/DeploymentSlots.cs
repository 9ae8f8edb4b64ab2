using System.Globalization;
using System.Text.RegularExpressions;

namespace Platform.Tools.BlueGreen;

/// <summary>
/// The colours in a cluster: a colour is ready when every Deployment labelled <c>platform/colour=&lt;colour&gt;</c> has
/// rolled out; its gateway is reached through <c>kubectl port-forward svc/gateway-&lt;colour&gt;</c>, not the edge.
/// </summary>
public sealed partial class DeploymentSlots(Kubectl kubectl, string gateway, int gatewayPort) : IColourSlots
{
    public async Task WaitReadyAsync(string colour, TimeSpan timeout, CancellationToken cancellationToken) =>
        await kubectl.RunAsync(
            ["rollout", "status", "deployment", "--selector", $"platform/colour={colour}", "--timeout", $"{(int)timeout.TotalSeconds}s"],
            cancellationToken);

    public async Task<GatewayAccess> OpenGatewayAsync(string colour, CancellationToken cancellationToken)
    {
        var forward = kubectl.Start(["port-forward", $"service/{gateway}-{colour}", $":{gatewayPort.ToString(CultureInfo.InvariantCulture)}"]);
        var lease = new ProcessLease(forward);
        try
        {
            // "Forwarding from 127.0.0.1:40123 -> 8080": the local port kubectl picked.
            while (await forward.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
            {
                if (ForwardedPort().Match(line) is { Success: true } match)
                {
                    return new GatewayAccess(new Uri($"http://127.0.0.1:{match.Groups["port"].Value}/"), lease);
                }
            }

            throw new InvalidOperationException($"kubectl port-forward to {gateway}-{colour} ended: {await forward.StandardError.ReadToEndAsync(cancellationToken)}");
        }
        catch
        {
            await lease.DisposeAsync();
            throw;
        }
    }

    [GeneratedRegex(@"^Forwarding from 127\.0\.0\.1:(?<port>\d+) ->", RegexOptions.CultureInvariant)]
    private static partial Regex ForwardedPort();

    private sealed class ProcessLease(System.Diagnostics.Process process) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (!process.HasExited)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }
    }
}
