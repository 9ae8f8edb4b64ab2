using Platform.Bench.Gateway;

// Same backend, same load, four paths: direct, through the gateway (API-key authentication, shared Redis rate
// limits, request ids, tracing as shipped), through bare YARP (one route, nothing else), through nginx. Three
// workloads: a small GET, a 64 KB JSON POST, SSE streams. Prints the gateway's cost over bare YARP as ratios.
var settings = BenchSettings.Parse(args);
var repository = RepositoryRoot.Path;
var gatewayAllocations = AllocationProbe.Create("gateway");
var yarpAllocations = AllocationProbe.Create("bare-yarp");

await using var redis = await ChildProcess.StartRedisAsync();
await using var backend = await Backend.StartAsync();
await using var gateway = await GatewayProcess.StartAsync(repository, backend.Address, redis.Port, gatewayAllocations);
await using var yarp = await BareYarpProcess.StartAsync(repository, backend.Address, yarpAllocations);
await using var nginx = await NginxProcess.StartAsync(backend.Address);
var baselineAllocations = AllocationProbe.Create("baseline");
await using var baseline = settings.Baseline is { } build
    ? await GatewayProcess.StartAsync(repository, backend.Address, redis.Port, baselineAllocations, build)
    : null;

Target[] targets =
[
    new("direct", backend.Address, null, null),
    new("gateway", gateway.Address, () => CpuTime.OfProcessTree(gateway.ProcessId), gatewayAllocations),
    new("bare-yarp", yarp.Address, () => CpuTime.OfProcessTree(yarp.ProcessId), yarpAllocations),
    new("nginx", nginx.Address, () => CpuTime.OfProcessTree(nginx.ProcessId), null),
    .. baseline is null ? Array.Empty<Target>() : [new("baseline", baseline.Address, () => CpuTime.OfProcessTree(baseline.ProcessId), baselineAllocations)],
];

// Each target is warmed up on the first workload until its throughput settles (tiered JIT takes longer than any
// fixed guess), and on the others for one slice each.
foreach (var (workload, index) in settings.Workloads.Select((workload, index) => (workload, index)))
{
    foreach (var target in targets)
    {
        Console.WriteLine($"-- {workload.Name} {target.Name}: warming up");
        await (index == 0
            ? Wrk.WarmUpAsync(target, workload, GatewayProcess.Key, settings, settings.WarmupSeconds, settings.MaxWarmupSeconds)
            : Wrk.WarmUpAsync(target, workload, GatewayProcess.Key, settings, 5, 5));
    }
}

// Targets take turns, round after round, so a change in background load hits all four alike.
var results = new List<WorkloadResult>();
foreach (var workload in settings.Workloads)
{
    var runs = new List<LoadResult>();
    for (var round = 1; round <= settings.Rounds; round++)
    {
        foreach (var target in targets)
        {
            runs.Add(await Wrk.RunAsync(target, workload, GatewayProcess.Key, settings, CpuTime.OfThisProcess));
        }
    }

    var firstBytes = new Dictionary<string, (double P50Ms, double P90Ms)>();
    if (workload.Streams)
    {
        foreach (var target in targets)
        {
            firstBytes[target.Name] = await FirstByte.SampleAsync(target, workload, GatewayProcess.Key, samples: 100);
        }
    }

    results.Add(new WorkloadResult(workload, LoadResult.Average(runs), firstBytes));
}

Report.Print(results, settings, backend.Requests);
