namespace Platform.Bench.LoadTest;

/// <summary>
/// The targets the report holds each operation to: the gateway's availability SLO (docs/operations.md, 99.9 %: error
/// ratio at most 0.1 %) and a 95th-percentile latency per operation, sized for a scripted provider (no real model
/// time): embeddings run the real ONNX model, an agent run is two model calls and a tool call.
/// </summary>
public sealed record SloTargets(double MaxErrorRatio, IReadOnlyDictionary<Operation, TimeSpan> P95)
{
    public static readonly SloTargets Default = new(0.001, new Dictionary<Operation, TimeSpan>
    {
        [Operation.Embeddings] = TimeSpan.FromMilliseconds(500),
        [Operation.Chat] = TimeSpan.FromSeconds(2),
        [Operation.ChatStream] = TimeSpan.FromSeconds(2),
        [Operation.AgentRun] = TimeSpan.FromSeconds(10),
    });
}
