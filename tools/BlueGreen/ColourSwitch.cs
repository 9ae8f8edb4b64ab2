using System.Diagnostics;

namespace Platform.Tools.BlueGreen;

/// <summary>
/// Moves all traffic to one colour, in this order and never otherwise: the colour is ready, the smoke check passes
/// through its own gateway, then the edge sends every new request to it. Requests and streams already open on the
/// other colour finish there; the other colour keeps running, so a rollback is one edge change (ADR 0039).
/// </summary>
public sealed class ColourSwitch(IColourEdge edge, IColourSlots slots, SmokeCheck smoke, SwitchTimeouts timeouts, Action<string> progress)
{
    /// <summary>Switches to <paramref name="colour"/> after the readiness and smoke checks.</summary>
    public Task<SwitchResult> SwitchAsync(string colour, CancellationToken cancellationToken) =>
        MoveAsync(colour, runSmokeCheck: true, cancellationToken);

    /// <summary>
    /// Back to the colour that served before: it never stopped serving its own streams, so only its readiness is
    /// checked, and the edge moves in one step.
    /// </summary>
    public async Task<SwitchResult> RollbackAsync(CancellationToken cancellationToken)
    {
        var current = await edge.ReadAsync(cancellationToken);
        var live = current.Live ?? throw new InvalidOperationException($"The edge splits traffic ({current}); switch to one colour explicitly.");
        return await MoveAsync(EdgeWeights.Other(live), runSmokeCheck: false, cancellationToken);
    }

    private async Task<SwitchResult> MoveAsync(string colour, bool runSmokeCheck, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var before = await edge.ReadAsync(cancellationToken);
        if (before.Live == colour)
        {
            progress($"{colour} already takes all traffic ({before})");
            return new SwitchResult(colour, colour, TimeSpan.Zero, TimeSpan.Zero, Changed: false);
        }

        progress($"waiting for {colour} to be ready");
        await slots.WaitReadyAsync(colour, timeouts.Ready, cancellationToken);
        if (runSmokeCheck)
        {
            progress($"smoke check through {colour}'s gateway");
            await using var access = await slots.OpenGatewayAsync(colour, cancellationToken);
            await smoke.RunAsync(access.Address, cancellationToken);
        }

        var checkedAfter = clock.Elapsed;
        var edgeClock = Stopwatch.StartNew();
        await edge.SetAsync(EdgeWeights.AllTo(colour), cancellationToken);
        var after = await edge.ReadAsync(cancellationToken);
        if (after.Live != colour)
        {
            throw new InvalidOperationException($"The edge did not move to {colour}: it reads {after}.");
        }

        progress($"edge now {after} (was {before}); checks took {checkedAfter.TotalSeconds:F1} s, the edge change {edgeClock.Elapsed.TotalMilliseconds:F0} ms");
        return new SwitchResult(before.Live, colour, checkedAfter, edgeClock.Elapsed, Changed: true);
    }
}

/// <param name="From">The colour that took all traffic before; null if the edge was split.</param>
/// <param name="Checks">Readiness and smoke check before the edge moved.</param>
/// <param name="EdgeChange">From the first edge write to reading the new weights back.</param>
public sealed record SwitchResult(string? From, string To, TimeSpan Checks, TimeSpan EdgeChange, bool Changed);

/// <summary>How long a colour may take to become ready, and each smoke request.</summary>
public sealed record SwitchTimeouts(TimeSpan Ready, TimeSpan SmokeRequest)
{
    public static readonly SwitchTimeouts Default = new(TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(30));
}
