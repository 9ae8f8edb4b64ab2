using Platform.Bench.Gateway;

// Same backend, same load, three paths: direct, through the gateway (auth + Redis rate limits on),
// through nginx as a plain reverse proxy. Prints throughput ratios and added latency.
var settings = BenchSettings.Parse(args);
var repository = RepositoryRoot.Path;

await using var redis = await ChildProcess.StartRedisAsync();
await using var backend = await Backend.StartAsync();
await using var gateway = await GatewayProcess.StartAsync(repository, backend.Address, redis.Port);
await using var nginx = await NginxProcess.StartAsync(backend.Address);

Target[] targets =
[
    new("direct", new Uri(backend.Address, Backend.Path), null),
    new("gateway", new Uri(gateway.Address, Backend.Path), () => CpuTime.OfProcessTree(gateway.ProcessId)),
    new("nginx", new Uri(nginx.Address, Backend.Path), () => CpuTime.OfProcessTree(nginx.ProcessId)),
];

// Each target is warmed up until its throughput settles (tiered JIT takes longer than any fixed guess).
foreach (var target in targets)
{
    Console.WriteLine($"-- {target.Name}: warming up (at least {settings.WarmupSeconds} s, at most {settings.MaxWarmupSeconds} s)");
    await Wrk.WarmUpAsync(target, GatewayProcess.Key, settings, settings.WarmupSeconds, settings.MaxWarmupSeconds);
}

// Targets take turns, round after round, so a change in background load hits all three alike.
var runs = new List<LoadResult>();
for (var round = 1; round <= settings.Rounds; round++)
{
    foreach (var target in targets)
    {
        runs.Add(await Wrk.RunAsync(target, GatewayProcess.Key, settings, CpuTime.OfThisProcess));
    }
}

Report.Print(LoadResult.Average(runs), settings, backend.Requests);
