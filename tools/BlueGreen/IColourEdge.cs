namespace Platform.Tools.BlueGreen;

/// <summary>Where traffic enters: reads and sets how it is split between the colours (HTTPRoutes, or a drill's proxy).</summary>
public interface IColourEdge
{
    Task<EdgeWeights> ReadAsync(CancellationToken cancellationToken);

    Task SetAsync(EdgeWeights weights, CancellationToken cancellationToken);
}
