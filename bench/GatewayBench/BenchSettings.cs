using System.Globalization;

namespace Platform.Bench.Gateway;

/// <summary>
/// Load shape, the same for every target: <c>--duration 8 --warmup 30 --max-warmup 90 --rounds 2 --connections 64 --threads 2</c>
/// (seconds measured per target and round; each target is warmed up first until its throughput settles, for at
/// least <c>--warmup</c> and at most <c>--max-warmup</c> seconds).
/// </summary>
public sealed record BenchSettings(int DurationSeconds, int WarmupSeconds, int MaxWarmupSeconds, int Rounds, int Connections, int Threads)
{
    public static BenchSettings Parse(string[] args)
    {
        int Read(string name, int fallback)
        {
            var index = Array.IndexOf(args, "--" + name);
            return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
        }

        return new BenchSettings(Read("duration", 8), Read("warmup", 30), Read("max-warmup", 90), Read("rounds", 2), Read("connections", 64), Read("threads", 2));
    }

    public string ReproduceCommand =>
        $"dotnet run -c Release --project bench/GatewayBench -- --duration {DurationSeconds} --warmup {WarmupSeconds} --max-warmup {MaxWarmupSeconds} --rounds {Rounds} --connections {Connections} --threads {Threads}";
}
