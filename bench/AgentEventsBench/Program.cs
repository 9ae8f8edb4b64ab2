using Platform.Bench.AgentEvents;

// Event delivery of agent runs, the former polling against pushed (pub/sub) delivery, side by side in one run:
// Redis commands and CPU of one replica holding many idle streams, and the latency from a worker's event write to a
// client's read. Bounded: a few seconds per mode plus start-up. Usage: [--streams N] [--idle-seconds S] [--events E]
var settings = BenchSettings.Parse(args);
var repository = RepositoryRoot.Path;
await using var redis = await ChildProcess.StartRedisAsync();

var results = new List<ModeResult>();
foreach (var mode in new[] { "Poll", "Push" })
{
    Console.WriteLine($"{mode}: starting a replica, opening {settings.Streams} streams ...");
    await using var replica = await AgentReplica.StartAsync(repository, redis.Port, mode);
    await using var streams = await IdleStreams.OpenAsync(replica.Address, settings.Streams);
    var idle = await IdleCost.MeasureAsync(redis, replica, settings.IdleSeconds);
    var latency = await DeliveryLatency.MeasureAsync(redis.Port, streams, settings.Events);
    results.Add(new ModeResult(mode, idle, latency));
}

Report.Print(settings, results);
