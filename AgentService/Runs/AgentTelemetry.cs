using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Platform.AgentService.Runs;

/// <summary>
/// Traces and metrics of runs (ActivitySource and Meter <c>Platform.Agents</c>): one span per run, model call
/// and tool call; counters and histograms listed in docs/agents.md.
/// </summary>
public sealed class AgentTelemetry
{
    public const string Name = "Platform.Agents";

    public static readonly ActivitySource Source = new(Name);

    private readonly Counter<long> _runs;
    private readonly Histogram<double> _runDuration;
    private readonly Histogram<double> _toolDuration;
    private readonly Counter<long> _toolErrors;
    private readonly Counter<long> _mcpConnections;
    private readonly Counter<long> _reclaimed;
    private readonly Counter<long> _handedBack;
    private readonly Counter<long> _modelCalls;
    private long _queuePending;
    private long _queueWaiting;
    private double _oldestPendingAge;

    public AgentTelemetry(IMeterFactory meters)
    {
        var meter = meters.Create(Name);
        _runs = meter.CreateCounter<long>("platform.agents.runs", description: "Runs reaching each status (queued, running, requires_action and the terminal ones).");
        _runDuration = meter.CreateHistogram<double>("platform.agents.run.duration", "s", "Time from creation to a terminal status.");
        _toolDuration = meter.CreateHistogram<double>("platform.agents.tool.duration", "s", "Latency of tool calls.");
        _toolErrors = meter.CreateCounter<long>("platform.agents.tool.errors", description: "Tool calls that failed (the model is told the error).");
        _mcpConnections = meter.CreateCounter<long>("platform.agents.mcp.connections", description: "MCP servers a run execution connected to and listed (ok) or could not use (error).");
        _reclaimed = meter.CreateCounter<long>("platform.agents.runs.reclaimed", description: "Runs taken over from a worker that stopped heartbeating.");
        _handedBack = meter.CreateCounter<long>("platform.agents.runs.handed_back", description: "Runs a worker put back in the queue while its replica shut down.");
        _modelCalls = meter.CreateCounter<long>("platform.agents.model.calls", description: "Model calls made by runs (steps).");
        meter.CreateObservableGauge("platform.agents.queue.pending", () => Volatile.Read(ref _queuePending), description: "Queue entries delivered to a worker and not yet acknowledged.");
        meter.CreateObservableGauge("platform.agents.queue.waiting", () => Volatile.Read(ref _queueWaiting), description: "Queue entries no worker has picked up yet (consumer group lag).");
        meter.CreateObservableGauge("platform.agents.queue.oldest_pending.age", () => Volatile.Read(ref _oldestPendingAge), "s", "How long ago the oldest run still held by a worker was queued (0 when none is held).");
    }

    public void RunReached(Run run)
    {
        var status = RunStatusNames.Of(run.Status);
        _runs.Add(1, new KeyValuePair<string, object?>("status", status));
        if (run.IsTerminal)
        {
            _runDuration.Record((DateTimeOffset.UtcNow - run.CreatedAt).TotalSeconds, new KeyValuePair<string, object?>("status", status));
        }
    }

    public void McpConnected(bool failed) =>
        _mcpConnections.Add(1, new KeyValuePair<string, object?>("outcome", failed ? "error" : "ok"));

    public void ToolCalled(string tool, TimeSpan duration, bool failed)
    {
        _toolDuration.Record(duration.TotalSeconds, new("tool", tool), new("outcome", failed ? "error" : "ok"));
        if (failed)
        {
            _toolErrors.Add(1, new KeyValuePair<string, object?>("tool", tool));
        }
    }

    public void ModelCalled(string model) => _modelCalls.Add(1, new KeyValuePair<string, object?>("model", model));

    public void Reclaimed() => _reclaimed.Add(1);

    public void HandedBack() => _handedBack.Add(1);

    public void QueueMeasured(QueueMeasurement measurement)
    {
        Volatile.Write(ref _queuePending, measurement.Pending);
        Volatile.Write(ref _queueWaiting, measurement.Waiting);
        Volatile.Write(ref _oldestPendingAge, measurement.OldestPendingAge.TotalSeconds);
    }
}
