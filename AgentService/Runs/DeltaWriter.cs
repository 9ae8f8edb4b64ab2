using Microsoft.Extensions.Options;

namespace Platform.AgentService.Runs;

/// <summary>
/// Writes one model call's deltas as run events (<c>message.delta</c>, <c>tool_call.delta</c>) through a
/// <see cref="DeltaCoalescer"/>: when a piece makes the held ones due, and on a timer, so a model that pauses
/// mid-sentence still shows what it wrote within the interval. Writes are serialized, so events keep the model's order.
/// </summary>
public sealed class DeltaWriter : IAsyncDisposable
{
    private readonly RunStore _runs;
    private readonly string _runId;
    private readonly int _step;
    private readonly TimeProvider _clock;
    private readonly DeltaCoalescer _coalescer;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly long _started;
    private readonly Task _timer;
    private readonly Dictionary<int, (string? CallId, string? Name)> _calls = [];

    public DeltaWriter(RunStore runs, string runId, int step, RunOptions options, TimeProvider clock)
    {
        _runs = runs;
        _runId = runId;
        _step = step;
        _clock = clock;
        _coalescer = new DeltaCoalescer(options.DeltaInterval, options.DeltaMaxChars);
        _started = clock.GetTimestamp();
        _timer = options.DeltaInterval > TimeSpan.Zero ? FlushOnTimerAsync(options.DeltaInterval) : Task.CompletedTask;
    }

    private TimeSpan Now => _clock.GetElapsedTime(_started);

    public async Task AddAsync(Delta delta, CancellationToken cancellationToken)
    {
        if (delta.ToolIndex is { } index)
        {
            // Providers name the call in its first chunk only; every event of the call repeats its id and name.
            var known = _calls.GetValueOrDefault(index);
            known = (known.CallId ?? delta.CallId, known.Name ?? delta.Name);
            _calls[index] = known;
            delta = delta with { CallId = known.CallId, Name = known.Name };
        }
        else if (delta.Text.Length == 0)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_coalescer.Add(delta, Now))
            {
                await WriteAsync(_coalescer.Take());
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Writes whatever is still held; called when the model call ended normally.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync();
        await _timer;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await WriteAsync(_coalescer.Take());
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task FlushOnTimerAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval, _clock);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                await _gate.WaitAsync(_stop.Token);
                try
                {
                    if (_coalescer.IsDue(Now))
                    {
                        await WriteAsync(_coalescer.Take());
                    }
                }
                finally
                {
                    _gate.Release();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The call ended (or was abandoned); CompleteAsync writes the rest.
        }
    }

    private async Task WriteAsync(IReadOnlyList<Delta> deltas)
    {
        foreach (var delta in deltas)
        {
            await (delta.ToolIndex is { } index
                ? _runs.AppendEventAsync(_runId, RunEventTypes.ToolCallDelta, new { step = _step, index, call_id = delta.CallId, name = delta.Name, arguments = delta.Text })
                : _runs.AppendEventAsync(_runId, RunEventTypes.MessageDelta, new { step = _step, text = delta.Text }));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _timer;
        _stop.Dispose();
        _gate.Dispose();
    }
}

/// <summary>Creates a <see cref="DeltaWriter"/> per model call with the configured coalescing.</summary>
public sealed class DeltaWriterFactory(RunStore runs, IOptions<RunOptions> options, TimeProvider clock)
{
    public DeltaWriter Create(string runId, int step) => new(runs, runId, step, options.Value, clock);
}
