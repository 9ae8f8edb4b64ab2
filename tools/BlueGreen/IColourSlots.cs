namespace Platform.Tools.BlueGreen;

/// <summary>The running colours: waits until one is ready and opens a way to its gateway for the smoke check.</summary>
public interface IColourSlots
{
    /// <summary>Returns when every workload of the colour is ready; throws with the reason otherwise.</summary>
    Task WaitReadyAsync(string colour, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>The colour's own gateway, bypassing the edge (a port-forward in a cluster); disposed after the check.</summary>
    Task<GatewayAccess> OpenGatewayAsync(string colour, CancellationToken cancellationToken);
}

/// <summary>An address of one colour's gateway and whatever keeps it open.</summary>
public sealed class GatewayAccess(Uri address, IAsyncDisposable? lease = null) : IAsyncDisposable
{
    public Uri Address { get; } = address;

    public ValueTask DisposeAsync() => lease?.DisposeAsync() ?? ValueTask.CompletedTask;
}
