using System.Globalization;

namespace Platform.Bench.AgentEvents;

public sealed record ModeResult(string Mode, IdleResult Idle, LatencyResult Latency);

public static class Report
{
    public static void Print(BenchSettings settings, IReadOnlyList<ModeResult> results)
    {
        var poll = results.Single(r => r.Mode == "Poll");
        var push = results.Single(r => r.Mode == "Push");
        Console.WriteLine();
        Console.WriteLine($"Agent run events: {settings.Streams} idle SSE streams on one API-only replica ({settings.IdleSeconds} s window), delivery latency over {settings.Events} events");
        Console.WriteLine($"{"",-34}{"poll (100 ms)",16}{"push (pub/sub)",16}{"push / poll",14}");
        Row("Redis commands/s, idle", poll.Idle.CommandsPerSecond, push.Idle.CommandsPerSecond, "F1");
        Row("replica CPU, idle (% of a core)", poll.Idle.ReplicaCpuPercent, push.Idle.ReplicaCpuPercent, "F1");
        Row("redis-server CPU, idle (% of a core)", poll.Idle.RedisCpuPercent, push.Idle.RedisCpuPercent, "F1");
        Row("delivery latency p50 (ms)", poll.Latency.P50, push.Latency.P50, "F2");
        Row("delivery latency p99 (ms)", poll.Latency.P99, push.Latency.P99, "F2");
        Row("delivery latency max (ms)", poll.Latency.Max, push.Latency.Max, "F2");
        Console.WriteLine($"{"events delivered",-34}{poll.Latency.Delivered,16}{push.Latency.Delivered,16}");
        Console.WriteLine($"idle commands by name, poll: {Names(poll.Idle.Commands)}");
        Console.WriteLine($"idle commands by name, push: {Names(push.Idle.Commands)}");
        Console.WriteLine();
        Console.WriteLine($"reproduce: dotnet build -c Release AgentService && dotnet run -c Release --project bench/AgentEventsBench -- --streams {settings.Streams} --idle-seconds {settings.IdleSeconds} --events {settings.Events}");
    }

    private static string Names(IReadOnlyDictionary<string, long> commands) =>
        commands.Count == 0 ? "none" : string.Join(", ", commands.OrderByDescending(c => c.Value).Select(c => $"{c.Key}={c.Value}"));

    private static void Row(string name, double poll, double push, string format)
    {
        var ratio = poll > 0 ? (push / poll).ToString("0.000", CultureInfo.InvariantCulture) : "-";
        Console.WriteLine($"{name,-34}{poll.ToString(format, CultureInfo.InvariantCulture),16}{push.ToString(format, CultureInfo.InvariantCulture),16}{ratio,14}");
    }
}
