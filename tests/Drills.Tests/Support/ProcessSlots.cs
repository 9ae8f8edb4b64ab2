using System.Diagnostics;
using Platform.Tools.BlueGreen;

namespace Platform.Drills.Tests.Support;

/// <summary>
/// The colours as the drill runs them: a colour is ready when each of its processes answers <c>/health/ready</c>
/// (what a Deployment's rollout waits for); its gateway is reached directly, as the port-forward does in a cluster.
/// </summary>
public sealed class ProcessSlots : IColourSlots
{
    private readonly Dictionary<string, (ServiceProcess Gateway, IReadOnlyList<ServiceProcess> All)> _colours = new(StringComparer.Ordinal);

    public void Add(string colour, ServiceProcess gateway, params ServiceProcess[] others) => _colours[colour] = (gateway, [gateway, .. others]);

    public async Task WaitReadyAsync(string colour, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!_colours.TryGetValue(colour, out var slot))
        {
            throw new InvalidOperationException($"{colour} is not running.");
        }

        var clock = Stopwatch.StartNew();
        foreach (var process in slot.All)
        {
            await process.WaitReadyAsync(timeout - clock.Elapsed);
        }
    }

    public Task<GatewayAccess> OpenGatewayAsync(string colour, CancellationToken cancellationToken) =>
        Task.FromResult(new GatewayAccess(_colours[colour].Gateway.Address));
}
