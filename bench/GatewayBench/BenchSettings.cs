using System.Globalization;

namespace Platform.Bench.Gateway;

/// <summary>
/// Load shape, the same for every target: <c>--duration 8 --warmup 30 --max-warmup 90 --rounds 2 --connections 64 --threads 2
/// --workloads all</c> (seconds measured per target, workload and round; each target is warmed up first until its
/// throughput settles, for at least <c>--warmup</c> and at most <c>--max-warmup</c> seconds; workloads
/// <c>get</c>, <c>post64k</c>, <c>sse</c> or <c>all</c>, comma-separated). <c>--baseline DIR</c> adds a fifth path: the
/// gateway as built in DIR (a copy of an earlier <c>Gateway/bin/Release/net10.0</c>), so that two builds are compared
/// side by side under the same background load.
/// </summary>
public sealed record BenchSettings(int DurationSeconds, int WarmupSeconds, int MaxWarmupSeconds, int Rounds, int Connections, int Threads, string WorkloadNames, string? Baseline = null)
{
    public IReadOnlyList<Workload> Workloads => Workload.Parse(WorkloadNames);

    public static BenchSettings Parse(string[] args)
    {
        int Read(string name, int fallback)
        {
            var index = Array.IndexOf(args, "--" + name);
            return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
        }

        var workloads = Array.IndexOf(args, "--workloads") is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : "all";
        var baseline = Array.IndexOf(args, "--baseline") is var from and >= 0 && from + 1 < args.Length ? Path.GetFullPath(args[from + 1]) : null;
        return new BenchSettings(Read("duration", 8), Read("warmup", 30), Read("max-warmup", 90), Read("rounds", 2), Read("connections", 64), Read("threads", 2), workloads, baseline);
    }

    public string ReproduceCommand =>
        $"dotnet run -c Release --project bench/GatewayBench -- --duration {DurationSeconds} --warmup {WarmupSeconds} --max-warmup {MaxWarmupSeconds} --rounds {Rounds} --connections {Connections} --threads {Threads} --workloads {WorkloadNames}{(Baseline is null ? "" : $" --baseline {Baseline}")}";
}
