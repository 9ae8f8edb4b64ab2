using Platform.Tools.BlueGreen;

namespace Platform.Drills.Tests.Support;

/// <summary>
/// The drill's stand-in for the edge HTTPRoutes: the same <see cref="IColourEdge"/> the switch drives in a cluster,
/// over a <see cref="LoopbackProxy"/> whose backends are the colours' gateways.
/// </summary>
public sealed class ProxyColourEdge(LoopbackProxy proxy, IReadOnlyDictionary<string, Uri> gateways) : IColourEdge
{
    public Task<EdgeWeights> ReadAsync(CancellationToken cancellationToken) => Task.FromResult(new EdgeWeights(
        gateways.ToDictionary(pair => pair.Key, pair => proxy.Backends.Where(backend => backend.Backend == pair.Value).Sum(backend => backend.Weight), StringComparer.Ordinal)));

    public Task SetAsync(EdgeWeights weights, CancellationToken cancellationToken)
    {
        proxy.SetBackends(gateways.Select(pair => (pair.Value, weights.ByColour.GetValueOrDefault(pair.Key))));
        return Task.CompletedTask;
    }
}
