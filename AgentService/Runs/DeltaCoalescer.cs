namespace Platform.AgentService.Runs;

/// <summary>A piece of a model call in progress: text (<see cref="ToolIndex"/> null) or a tool call's arguments.</summary>
public sealed record Delta(string Text, int? ToolIndex = null, string? CallId = null, string? Name = null);

/// <summary>
/// Gathers a model call's deltas so Redis is written once per <c>interval</c> or <c>maxChars</c>, not per token:
/// consecutive pieces of the same kind (the text, or one tool call's arguments) merge into one delta, and a change
/// of kind starts the next. Time is passed in, so the rule is tested without clocks.
/// </summary>
public sealed class DeltaCoalescer(TimeSpan interval, int maxChars)
{
    private readonly List<Delta> _held = [];
    private int _chars;
    private TimeSpan? _heldSince;

    public bool IsEmpty => _held.Count == 0;

    /// <summary>Holds a piece; true when the held deltas should be written now.</summary>
    public bool Add(Delta delta, TimeSpan now)
    {
        if (_held.Count > 0 && _held[^1] is var last && last.ToolIndex == delta.ToolIndex)
        {
            _held[^1] = last with { Text = last.Text + delta.Text, CallId = last.CallId ?? delta.CallId, Name = last.Name ?? delta.Name };
        }
        else
        {
            _held.Add(delta);
        }

        _chars += delta.Text.Length;
        _heldSince ??= now;
        return IsDue(now);
    }

    /// <summary>True when something is held and it is old or large enough to be written.</summary>
    public bool IsDue(TimeSpan now) => _held.Count > 0 && (_chars >= maxChars || now - _heldSince >= interval);

    /// <summary>The held deltas, oldest first; nothing is held afterwards.</summary>
    public IReadOnlyList<Delta> Take()
    {
        var taken = _held.ToList();
        _held.Clear();
        _chars = 0;
        _heldSince = null;
        return taken;
    }
}
