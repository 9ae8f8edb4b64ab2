using System.Globalization;

namespace Platform.Bench.Gateway;

/// <summary>One workload's averaged results per path, and times to first byte where it streams.</summary>
public sealed record WorkloadResult(Workload Workload, IReadOnlyList<LoadResult> Paths, IReadOnlyDictionary<string, (double P50Ms, double P90Ms)> FirstBytes)
{
    public LoadResult this[string name] => Paths.Single(path => path.Name == name);
}

/// <summary>Side-by-side results, the ratios the targets are stated in, and the command that reproduces them.</summary>
public static class Report
{
    /// <summary>On the small GET: the gateway's CPU per request at most this multiple of bare YARP's.</summary>
    public const double CpuTarget = 1.3;

    /// <summary>On the small GET: the gateway's added p99 latency at most this multiple of bare YARP's.</summary>
    public const double AddedP99Target = 1.5;

    /// <summary>On the small GET: bytes allocated per request at most this multiple of bare YARP's.</summary>
    public const double AllocationTarget = 2.0;

    public static void Print(IReadOnlyList<WorkloadResult> results, BenchSettings settings, long backendRequests)
    {
        foreach (var result in results)
        {
            PrintWorkload(result);
        }

        Console.WriteLine();
        Console.WriteLine("gateway / bare YARP (the proxy the gateway is built on; targets met or not):");
        foreach (var result in results)
        {
            var gateway = result["gateway"];
            var yarp = result["bare-yarp"];
            var direct = result["direct"];
            Ratio($"{result.Workload.Name} throughput", gateway.RequestsPerSecond / yarp.RequestsPerSecond, result.Workload.ThroughputTarget, atLeast: true);
            if (result.Workload == Workload.SmallGet)
            {
                Ratio($"{result.Workload.Name} CPU per request", gateway.ProxyMicrosecondsPerRequest / yarp.ProxyMicrosecondsPerRequest, CpuTarget, atLeast: false);
                Ratio($"{result.Workload.Name} bytes per request", (gateway.ProxyBytesPerRequest ?? 0) / (yarp.ProxyBytesPerRequest ?? 1), AllocationTarget, atLeast: false);
                Ratio($"{result.Workload.Name} added p99", Math.Max(0.01, gateway.P99Ms - direct.P99Ms) / Math.Max(0.01, yarp.P99Ms - direct.P99Ms), AddedP99Target, atLeast: false);
            }
            else
            {
                Ratio($"{result.Workload.Name} CPU per request", gateway.ProxyMicrosecondsPerRequest / yarp.ProxyMicrosecondsPerRequest, null, atLeast: false);
                Ratio($"{result.Workload.Name} bytes per request", (gateway.ProxyBytesPerRequest ?? 0) / (yarp.ProxyBytesPerRequest ?? 1), null, atLeast: false);
            }

            if (result.FirstBytes.Count > 0)
            {
                Ratio($"{result.Workload.Name} first byte p50", result.FirstBytes["gateway"].P50Ms / result.FirstBytes["bare-yarp"].P50Ms, null, atLeast: false);
            }
        }

        if (settings.Baseline is not null)
        {
            Console.WriteLine();
            Console.WriteLine($"gateway / baseline (the build in {settings.Baseline}; throughput above 1 and CPU or bytes below 1 mean the current build is better):");
            foreach (var result in results)
            {
                var gateway = result["gateway"];
                var baseline = result["baseline"];
                Ratio($"{result.Workload.Name} throughput", gateway.RequestsPerSecond / baseline.RequestsPerSecond, null, atLeast: true);
                Ratio($"{result.Workload.Name} CPU per request", gateway.ProxyMicrosecondsPerRequest / baseline.ProxyMicrosecondsPerRequest, null, atLeast: false);
                Ratio($"{result.Workload.Name} bytes per request", (gateway.ProxyBytesPerRequest ?? 0) / (baseline.ProxyBytesPerRequest ?? 1), null, atLeast: false);
            }
        }

        Console.WriteLine();
        Console.WriteLine($"backend answered {backendRequests} requests in total; {Environment.ProcessorCount} cores shared by load generator, proxies, Redis and backend");
        Console.WriteLine($"load average at the end (1, 5, 15 min): {LoadAverage()}; anything far above the core count means other work competed for the CPU");
        Console.WriteLine();
        Console.WriteLine($"reproduce: dotnet build -c Release Gateway bench/BareYarp bench/AllocationProbe && {settings.ReproduceCommand}");
    }

    private static void PrintWorkload(WorkloadResult result)
    {
        Console.WriteLine();
        Console.WriteLine($"== {result.Workload.Name}: {result.Workload.Description}");
        Console.WriteLine($"{"path",-10} {"req/s",9} {"p50 ms",8} {"p99 ms",8} {"errors",7} {"proxy CPU us/req",17} {"proxy B/req",12} {"backend CPU us/req",19}{(result.FirstBytes.Count > 0 ? $" {"first byte p50/p90 ms",22}" : "")}");
        foreach (var path in result.Paths)
        {
            var proxyCpu = path.Name == "direct" ? "-" : path.ProxyMicrosecondsPerRequest.ToString("F0", CultureInfo.InvariantCulture);
            var bytes = path.ProxyBytesPerRequest is { } value ? value.ToString("F0", CultureInfo.InvariantCulture) : "-";
            var firstByte = result.FirstBytes.TryGetValue(path.Name, out var times) ? $" {times.P50Ms,11:F2} / {times.P90Ms,-8:F2}" : "";
            Console.WriteLine($"{path.Name,-10} {path.RequestsPerSecond,9:F0} {path.P50Ms,8:F2} {path.P99Ms,8:F2} {path.Errors,7} {proxyCpu,17} {bytes,12} {path.BackendMicrosecondsPerRequest,19:F0}{firstByte}");
        }
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static void Ratio(string name, double value, double? target, bool atLeast) =>
        Console.WriteLine(target is { } goal
            ? $"  {name,-28} {value,6:F2}  (target {(atLeast ? ">=" : "<=")} {goal:F2}: {((atLeast ? value >= goal : value <= goal) ? "met" : "NOT met")})"
            : $"  {name,-28} {value,6:F2}");
}
