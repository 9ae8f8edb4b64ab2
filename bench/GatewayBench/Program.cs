using Platform.Bench.Gateway;

// Same backend, same load, three paths: direct, through the gateway (auth + Redis rate limits on),
// through nginx as a plain reverse proxy. Prints throughput ratios and added latency.
var settings = BenchSettings.Parse(args);
var repository = Repository.Root();

await using var redis = await ChildProcess.StartRedisAsync();
await using var backend = await Backend.StartAsync();
await using var gateway = await GatewayProcess.StartAsync(repository, backend.Address, redis.Port);
await using var nginx = await NginxProcess.StartAsync(backend.Address);

// Targets take turns, round after round, so a change in background load hits all three alike.
var runs = new List<LoadResult>();
for (var round = 1; round <= settings.Rounds; round++)
{
    foreach (var (name, target) in new[] { ("direct", backend.Address), ("gateway", gateway.Address), ("nginx", nginx.Address) })
    {
        // The first round warms every target up long enough for tiered JIT to finish under load.
        var warmup = round == 1 ? settings.WarmupSeconds : 1;
        runs.Add(await Wrk.RunAsync(name, new Uri(target, Backend.Path), GatewayProcess.Key, settings, warmup));
    }
}

Report.Print(LoadResult.Average(runs), settings, backend.Requests);
