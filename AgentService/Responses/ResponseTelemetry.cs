using System.Diagnostics.Metrics;
using Platform.AgentService.Runs;

namespace Platform.AgentService.Responses;

/// <summary>
/// Metrics of the Responses API on meter <c>Platform.Agents</c>: responses created, by how they are answered, and
/// streams resumed by sequence number (what a client does after a dropped connection or a lost replica).
/// </summary>
public sealed class ResponseTelemetry
{
    private readonly Counter<long> _created;
    private readonly Counter<long> _resumed;

    public ResponseTelemetry(IMeterFactory meters)
    {
        var meter = meters.Create(AgentTelemetry.Name);
        _created = meter.CreateCounter<long>("platform.agents.responses", description: "Responses created, by mode (wait, stream, background).");
        _resumed = meter.CreateCounter<long>("platform.agents.responses.resumed", description: "Response streams opened after a sequence number (starting_after).");
    }

    public void Created(ResponseRequest request) =>
        _created.Add(1, new KeyValuePair<string, object?>("mode", request.Stream ? "stream" : request.Background ? "background" : "wait"));

    public void Resumed() => _resumed.Add(1);
}
