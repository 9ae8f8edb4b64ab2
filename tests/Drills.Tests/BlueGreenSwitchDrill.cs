using System.Diagnostics;
using System.Globalization;
using Platform.Bench.LoadTest;
using Platform.Drills.Tests.Support;
using Platform.Tools.BlueGreen;

namespace Platform.Drills.Tests;

/// <summary>
/// Drill 1 (docs/operations.md "Blue-green switch and rollback"): under a bounded load through the edge, blue serves,
/// green starts, the switch moves the edge to green after green's readiness and smoke check, the rollback moves it
/// back, and green is retired with a drain. The edge is a proxy driven by the same <see cref="ColourSwitch"/> the
/// <c>blue-green</c> tool runs against the HTTPRoutes; every service is its own process on one redis-server.
/// </summary>
[Collection(DrillCollection.Name)]
public sealed class BlueGreenSwitchDrill(DrillFigures figures)
{
    [Fact(Timeout = 300_000)]
    public async Task Switching_to_green_and_rolling_back_under_load_fails_no_request_and_loses_no_run_or_event()
    {
        await using var platform = await DrillPlatform.StartAsync();
        var modelsBlue = await platform.StartModelsAsync("models-blue");
        var agentsBlue = await platform.StartAgentsAsync("agents-blue", modelsBlue.Address);
        var (gatewayBlue, _) = await platform.StartGatewayAsync("gateway-blue", [agentsBlue.Address], [modelsBlue.Address]);
        await using var edge = await LoopbackProxy.StartAsync([(gatewayBlue.Address, 100)]);
        var gateways = new Dictionary<string, Uri> { [EdgeWeights.Blue] = gatewayBlue.Address };
        var slots = new ProcessSlots();
        slots.Add(EdgeWeights.Blue, gatewayBlue, agentsBlue, modelsBlue);
        var log = new List<string>();
        var colourSwitch = new ColourSwitch(
            new ProxyColourEdge(edge, gateways), slots, new SmokeCheck(DrillPlatform.ApiKey, TimeSpan.FromSeconds(30)), SwitchTimeouts.Default, log.Add);

        var options = new LoadOptions
        {
            Gateway = edge.Address,
            ApiKey = DrillPlatform.ApiKey,
            ChatModel = DrillPlatform.ChatModel,
            Clients = 6,
            RampUp = TimeSpan.FromSeconds(2),
            // An upper bound: the load ends a few seconds after the drill's last step.
            Hold = TimeSpan.FromSeconds(150),
            MaxRequests = 5000,
        };
        using var stopLoad = new CancellationTokenSource();
        var load = new LoadRunner(options, log.Add).RunAsync(CancellationToken.None, stopLoad.Token);

        await Task.Delay(TimeSpan.FromSeconds(4));
        var modelsGreen = await platform.StartModelsAsync("models-green");
        var agentsGreen = await platform.StartAgentsAsync("agents-green", modelsGreen.Address);
        var (gatewayGreen, _) = await platform.StartGatewayAsync("gateway-green", [agentsGreen.Address], [modelsGreen.Address]);
        gateways[EdgeWeights.Green] = gatewayGreen.Address;
        slots.Add(EdgeWeights.Green, gatewayGreen, agentsGreen, modelsGreen);

        var switchClock = Stopwatch.StartNew();
        var toGreen = await colourSwitch.SwitchAsync(EdgeWeights.Green, CancellationToken.None);
        var switchTime = switchClock.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(8));
        var rollbackClock = Stopwatch.StartNew();
        var back = await colourSwitch.RollbackAsync(CancellationToken.None);
        var rollbackTime = rollbackClock.Elapsed;

        // Green retires at once, like a scaled-down Deployment, while streams opened through it are still open: its
        // workers hand their runs back to the shared queue, its streams end resumable and rejoin through the edge on blue.
        var drainClock = Stopwatch.StartNew();
        await agentsGreen.TerminateAsync(TimeSpan.FromSeconds(60));
        await gatewayGreen.TerminateAsync(TimeSpan.FromSeconds(60));
        await modelsGreen.TerminateAsync(TimeSpan.FromSeconds(60));
        var drainTime = drainClock.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(4));
        await stopLoad.CancelAsync();

        var result = await load;
        var audit = await RunAudit.CheckAsync(edge.Address, result.Runs);
        figures.Print("drill 1", LoadReport.Table(result, options.Slo));
        figures.Print("drill 1", string.Create(CultureInfo.InvariantCulture,
            $"failed requests {result.FailedRequests}, failed streams {result.FailedStreams}; switch to green {switchTime.TotalSeconds:F2} s " +
            $"(readiness and smoke check {toGreen.Checks.TotalSeconds:F2} s, edge change {toGreen.EdgeChange.TotalMilliseconds:F1} ms); " +
            $"rollback {rollbackTime.TotalSeconds:F2} s (edge change {back.EdgeChange.TotalMilliseconds:F1} ms); green drained in {drainTime.TotalSeconds:F1} s; " +
            $"runs {audit.Runs}, not terminal {audit.NotTerminal}, succeeded {audit.Succeeded}, with events lost {audit.RunsWithEventsLost}, streams cut {audit.StreamsCut}, rejoins {audit.Rejoins}"));

        Assert.True(toGreen.Changed && toGreen.From == EdgeWeights.Blue, string.Join('\n', log));
        Assert.Equal(EdgeWeights.Blue, back.To);
        Assert.True(result.Samples.Count > 100, $"the load sent only {result.Samples.Count} requests");
        Assert.Contains(result.Samples, sample => sample.Started > TimeSpan.FromSeconds(4) + switchTime);
        Assert.True(result.FailedRequests == 0, Failures(result));
        Assert.True(result.FailedStreams == 0, Failures(result));
        Assert.NotEmpty(result.Runs);
        Assert.Equal(0, audit.NotTerminal);
        Assert.True(audit.RunsWithEventsLost == 0, string.Join('\n', audit.Differences));
        figures.Print("drill 1", $"runs with events stored after their terminal status: {audit.EventsAfterEnd.Count}\n{string.Join('\n', audit.EventsAfterEnd)}");
        Assert.Equal(0, audit.StreamsCut);
    }

    private static string Failures(LoadResult result) => string.Join('\n', result.Samples
        .Where(sample => sample.Outcome != Outcome.Succeeded)
        .Select(sample => $"{sample.Started.TotalSeconds:F1} s {sample.Operation} {sample.Outcome}: {sample.Detail}"));
}
