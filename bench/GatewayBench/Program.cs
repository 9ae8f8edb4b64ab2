using Platform.Bench.Gateway;

// Same backend, same load, three paths: direct, through the gateway (auth + Redis rate limits on),
// through nginx as a plain reverse proxy. Prints throughput ratios and added latency.
var settings = BenchSettings.Parse(args);
var repository = Repository.Root();

await using var redis = await ChildProcess.StartRedisAsync();
await using var backend = await Backend.StartAsync();
await using var gateway = await GatewayProcess.StartAsync(repository, backend.Address, redis.Port);
await using var nginx = await NginxProcess.StartAsync(backend.Address);

var results = new List<LoadResult>();
foreach (var (name, target) in new[] { ("direct", backend.Address), ("gateway", gateway.Address), ("nginx", nginx.Address) })
{
    results.Add(await Wrk.RunAsync(name, new Uri(target, Backend.Path), GatewayProcess.Key, settings));
}

Report.Print(results, settings, backend.Requests);
