using System.Diagnostics;
using System.Globalization;
using Platform.Bench.LoadTest;
using Platform.Drills.Tests.Support;

namespace Platform.Drills.Tests;

/// <summary>
/// Drill 3 (docs/operations.md "Replica loss"): two replicas each of models and agents behind one gateway and the
/// edge, under a bounded load. First a planned stop of one of each (leave the endpoints, the preStop pause, SIGTERM
/// and the drain), then, after replacements joined, a crash of one of each (SIGKILL; the endpoints follow a second
/// later, as the endpoint controller's would). The agents reach the models through a stand-in for the ClusterIP
/// Service; the gateway's per-replica lists are its reloaded configuration.
/// </summary>
[Collection(DrillCollection.Name)]
public sealed class ReplicaLossDrill(DrillFigures figures)
{
    /// <summary>What the preStop sleep gives the endpoints to forget a pod before it hears SIGTERM (10 s in a cluster).</summary>
    private static readonly TimeSpan PreStop = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Requests the load completes after the crash before it stops (or 90 s pass). At most one request per client can
    /// be open on the killed replicas, so 400 keeps the 1 % budget from being decided by the machine's speed alone.
    /// </summary>
    private const int CrashSample = 400;

    /// <summary>How long a crashed pod stays in the endpoints.</summary>
    private static readonly TimeSpan EndpointsLag = TimeSpan.FromSeconds(1);

    [Fact(Timeout = 300_000)]
    public async Task A_planned_stop_and_a_crash_of_a_models_and_an_agents_replica_stay_within_their_error_budgets_and_lose_no_run()
    {
        await using var platform = await DrillPlatform.StartAsync();
        var models1 = await platform.StartModelsAsync("models-1");
        var models2 = await platform.StartModelsAsync("models-2");
        await using var modelsService = await LoopbackProxy.StartAsync([(models1.Address, 1), (models2.Address, 1)]);
        var agents1 = await platform.StartAgentsAsync("agents-1", modelsService.Address);
        var agents2 = await platform.StartAgentsAsync("agents-2", modelsService.Address);
        var (gateway, destinations) = await platform.StartGatewayAsync("gateway", [agents1.Address, agents2.Address], [models1.Address, models2.Address]);
        await using var edge = await LoopbackProxy.StartAsync([(gateway.Address, 1)]);

        void Endpoints(ServiceProcess[] agents, ServiceProcess[] models)
        {
            destinations.Set(agents.Select(replica => replica.Address), models.Select(replica => replica.Address));
            modelsService.SetBackends(models.Select(replica => (replica.Address, 1)));
        }

        var options = new LoadOptions
        {
            Gateway = edge.Address,
            ApiKey = DrillPlatform.ApiKey,
            ChatModel = DrillPlatform.ChatModel,
            Clients = 6,
            RampUp = TimeSpan.FromSeconds(2),
            // An upper bound: the load ends a while after the crash, once the lost runs were reclaimed.
            Hold = TimeSpan.FromSeconds(150),
            MaxRequests = 6000,
        };
        var log = new List<string>();
        var clock = Stopwatch.StartNew();
        using var stopLoad = new CancellationTokenSource();
        var runner = new LoadRunner(options, log.Add);
        var load = runner.RunAsync(CancellationToken.None, stopLoad.Token);

        // Planned stop: out of the endpoints, the preStop pause, then SIGTERM and the drain.
        await Task.Delay(TimeSpan.FromSeconds(8));
        var plannedAt = clock.Elapsed;
        Endpoints([agents1, agents2], [models1]);
        await Task.Delay(PreStop);
        await models2.TerminateAsync(TimeSpan.FromSeconds(60));
        Endpoints([agents1], [models1]);
        await Task.Delay(PreStop);
        await agents2.TerminateAsync(TimeSpan.FromSeconds(60));
        var drained = clock.Elapsed;

        // The Deployments replace them.
        var models3 = await platform.StartModelsAsync("models-3");
        var agents3 = await platform.StartAgentsAsync("agents-3", modelsService.Address);
        Endpoints([agents1, agents3], [models1, models3]);
        await Task.Delay(TimeSpan.FromSeconds(6));

        // Crash: nothing is told first.
        var crashAt = clock.Elapsed;
        var crashTimestamp = Stopwatch.GetTimestamp();
        var beforeCrash = runner.Completed;
        await Task.WhenAll(models1.KillAsync(), agents1.KillAsync());
        await Task.Delay(EndpointsLag);
        Endpoints([agents3], [models3]);

        // Enough requests after the crash for a 1 % budget to mean something on a slow machine, within a bound.
        var afterCrash = Stopwatch.StartNew();
        while ((runner.Completed - beforeCrash < CrashSample || afterCrash.Elapsed < TimeSpan.FromSeconds(10)) && afterCrash.Elapsed < TimeSpan.FromSeconds(90))
        {
            await Task.Delay(250);
        }

        await stopLoad.CancelAsync();

        var result = await load;
        var audit = await RunAudit.CheckAsync(edge.Address, result.Runs);

        // A request still in flight when the crash came belongs to the crash.
        var crash = result.Offset(crashTimestamp);
        var planned = result.Samples.Where(sample => sample.Started + sample.Latency < crash).ToList();
        var crashed = result.Samples.Where(sample => sample.Started + sample.Latency >= crash).ToList();
        double Ratio(int count, int of) => of == 0 ? 0 : (double)count / of;
        var plannedErrors = planned.Count(sample => sample.Outcome is Outcome.Failed or Outcome.Refused);
        var crashedFailedRequests = crashed.Count(sample => sample.Outcome == Outcome.Failed && !sample.InStream);
        var crashedFailedStreams = crashed.Count(sample => sample.Outcome == Outcome.Failed && sample.InStream);
        figures.Print("drill 3", LoadReport.Table(result, options.Slo));
        figures.Print("drill 3", string.Create(CultureInfo.InvariantCulture,
            $"planned stop (SIGTERM with drain, at {plannedAt.TotalSeconds:F1} s, drained by {drained.TotalSeconds:F1} s): {plannedErrors} errors in {planned.Count} requests, error ratio {Ratio(plannedErrors, planned.Count):P2} (budget 0.10 %)\n" +
            $"crash (SIGKILL at {crashAt.TotalSeconds:F1} s): {crashedFailedRequests} failed non-streaming requests in {crashed.Count}, ratio {Ratio(crashedFailedRequests, crashed.Count):P2} (budget 1 %); {crashedFailedStreams} chat streams cut\n" +
            $"runs {audit.Runs}, not terminal {audit.NotTerminal}, succeeded {audit.Succeeded}, with events lost {audit.RunsWithEventsLost}; run streams cut {audit.StreamsCut}, rejoins {audit.Rejoins}"));

        Assert.True(planned.Count > 50 && crashed.Count > 50, $"too little load: {planned.Count} before the crash, {crashed.Count} after");
        Assert.True(Ratio(plannedErrors, planned.Count) <= 0.001, Failures(planned));
        Assert.True(Ratio(crashedFailedRequests, crashed.Count) <= 0.01, Failures(crashed));
        Assert.NotEmpty(result.Runs);
        Assert.Equal(0, audit.NotTerminal);
        Assert.True(audit.RunsWithEventsLost == 0, string.Join('\n', audit.Differences));
        figures.Print("drill 3", $"runs with events stored after their terminal status: {audit.EventsAfterEnd.Count}\n{string.Join('\n', audit.EventsAfterEnd)}");
        Assert.All(result.Runs, run => Assert.NotNull(run.FinalStatus));
    }

    private static string Failures(IEnumerable<Sample> samples) => string.Join('\n', samples
        .Where(sample => sample.Outcome != Outcome.Succeeded)
        .Select(sample => $"{sample.Started.TotalSeconds:F1} s {sample.Operation} {sample.Outcome}: {sample.Detail}"));
}
