using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.Bench.Drain;
using Platform.TestSupport;

// A rolling restart of the agents replicas under steady load, on loopback against a real redis-server and the
// scripted model server (each model call takes 0.5-1.5 s, so runs are in flight at every restart). It runs twice,
// side by side: with the shutdown hand-back (the default) and without it (a drained worker's runs wait for the
// visibility timeout, 10 s here, as a lost worker's do). Each client follows its run to the end before starting the
// next. Reported: runs followed, runs that did not succeed, requests that failed after their one retry, requests
// retried, and the slowest run as the client saw it, as a ratio between the two.
// dotnet run -c Release --project bench/DrainBench [-- replicas clients]
internal static class DrainBenchmark
{
    private static int replicas;
    private static int clients;
    private static RedisServer redis = null!;
    private static ScriptedLlmServer llm = null!;

    public static async Task Main(string[] args)
    {
        replicas = args.Length > 0 ? int.Parse(args[0]) : 3;
        clients = args.Length > 1 ? int.Parse(args[1]) : 16;

        await using var redisServer = await RedisServer.StartAsync();
        redis = redisServer;
        await using var llmServer = await ScriptedLlmServer.StartAsync();
        llm = llmServer;
        var delay = new Random(7);
        llm.WhenQueueEmpty = _ => new ScriptedReply("Done.", Gate: Task.Delay(500 + delay.Next(1000)));

        Console.WriteLine($"Rolling restart of {replicas} agents replicas under {clients} clients creating runs (loopback, real redis-server).");
        Console.WriteLine($"{"hand-back",10} {"runs",6} {"not ok",7} {"failed req",11} {"retried",8} {"slowest run s",14}");
        var on = await RestartUnderLoadAsync(handBack: true);
        var off = await RestartUnderLoadAsync(handBack: false);
        Console.WriteLine($"slowest run, without / with hand-back: {off.Slowest.TotalSeconds / on.Slowest.TotalSeconds:F1}x");
        Console.WriteLine("reproduce: dotnet run -c Release --project bench/DrainBench");
    }

    private static async Task<Result> RestartUnderLoadAsync(bool handBack)
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:redis"] = redis.ConnectionString,
            ["Models:BaseUrl"] = llm.BaseUrl,
            ["Runs:HandBackOnShutdown"] = handBack ? "true" : "false",
            ["Runs:VisibilityTimeout"] = "00:00:10",
            ["Runs:ReclaimInterval"] = "00:00:01",
            ["Runs:PollInterval"] = "00:00:00.050",
            ["Runs:MaxAttempts"] = "10",
        };
        var pool = Enumerable.Range(1, replicas).Select(i => new AgentReplica($"agents-{i}", settings)).ToList();
        var inRotation = pool.ToList();
        var agent = await (await pool[0].Client.PostAsJsonAsync("/v1/agents", new { name = "bench", instructions = "Be brief.", model = "bench-model" })).Content.ReadFromJsonAsync<JsonNode>();
        var load = new Load(() => Volatile.Read(ref inRotation), agent!["id"]!.GetValue<string>());
        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(clients, stop.Token);
        await Task.Delay(TimeSpan.FromSeconds(3));

        // maxSurge 1, maxUnavailable 0: start the new replica, take the old one out of rotation, then drain it.
        for (var i = 0; i < replicas; i++)
        {
            var old = pool[i];
            var replacement = new AgentReplica(old.Name + "-new", settings);
            pool[i] = replacement;
            Volatile.Write(ref inRotation, [.. inRotation.Where(replica => replica != old), replacement]);
            await old.DrainAsync();
            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        await stop.CancelAsync();
        await running;
        foreach (var replica in pool)
        {
            await replica.DisposeAsync();
        }

        Console.WriteLine($"{(handBack ? "on" : "off"),10} {load.Succeeded + load.NotOk,6} {load.NotOk,7} {load.Failed,11} {load.Retried,8} {load.Slowest.TotalSeconds,14:F1}");
        return new Result(load.Succeeded + load.NotOk, load.NotOk, load.Failed, load.Slowest);
    }
}

internal sealed record Result(int Runs, int NotOk, int Failed, TimeSpan Slowest);
