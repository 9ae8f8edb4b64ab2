using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Platform.Bench.Gateway;

/// <summary>
/// Throughput and latency of one target under wrk's closed-loop load, and the CPU the proxy (none for direct) and
/// the backend used per request meanwhile, and the bytes a .NET proxy allocated per request.
/// </summary>
public sealed record LoadResult(string Name, double RequestsPerSecond, double P50Ms, double P99Ms, long Requests, long Errors,
    TimeSpan ProxyCpu, TimeSpan BackendCpu, long? ProxyAllocated)
{
    public double ProxyMicrosecondsPerRequest => ProxyCpu.TotalMicroseconds / Math.Max(1, Requests);

    public double BackendMicrosecondsPerRequest => BackendCpu.TotalMicroseconds / Math.Max(1, Requests);

    public double? ProxyBytesPerRequest => ProxyAllocated is { } bytes ? (double)bytes / Math.Max(1, Requests) : null;

    /// <summary>One result per target: means of its rounds; errors, requests, CPU and allocations summed.</summary>
    public static IReadOnlyList<LoadResult> Average(IEnumerable<LoadResult> runs) =>
        runs.GroupBy(run => run.Name)
            .Select(group => new LoadResult(group.Key,
                group.Average(run => run.RequestsPerSecond), group.Average(run => run.P50Ms), group.Average(run => run.P99Ms),
                group.Sum(run => run.Requests), group.Sum(run => run.Errors),
                TimeSpan.FromTicks(group.Sum(run => run.ProxyCpu.Ticks)), TimeSpan.FromTicks(group.Sum(run => run.BackendCpu.Ticks)),
                group.All(run => run.ProxyAllocated is not null) ? group.Sum(run => run.ProxyAllocated!.Value) : null))
            .ToList();
}

/// <summary>
/// What is loaded: a name, a base address, and the CPU clock and allocation counter of the proxy process in front of
/// the backend, if any.
/// </summary>
public sealed record Target(string Name, Uri BaseAddress, Func<TimeSpan>? ProxyCpu, AllocationProbe? Allocations)
{
    public Uri UrlOf(Workload workload) => new(BaseAddress, workload.Path);
}

/// <summary>Runs wrk (a warm-up, then the measured run) with the same connections, threads and headers for every target.</summary>
public static partial class Wrk
{
    /// <summary>Slices of this length are repeated until throughput settles.</summary>
    private const int WarmupSliceSeconds = 5;

    /// <summary>Two consecutive warm-up slices within this share of each other count as settled.</summary>
    private const double SettledWithin = 0.05;

    /// <summary>
    /// Loads the target in slices until two consecutive slices agree within 5 % (tiered JIT has finished),
    /// for at least <paramref name="minimumSeconds"/> and at most <paramref name="maximumSeconds"/>.
    /// </summary>
    public static async Task WarmUpAsync(Target target, Workload workload, string key, BenchSettings settings, int minimumSeconds, int maximumSeconds)
    {
        var previous = 0.0;
        for (var elapsed = 0; elapsed < maximumSeconds; elapsed += WarmupSliceSeconds)
        {
            var slice = RequestsPerSecondOf(await RunWrkAsync(target.UrlOf(workload), workload, key, settings, WarmupSliceSeconds));
            Console.WriteLine($"   warm-up {elapsed + WarmupSliceSeconds,3} s: {slice:F0} req/s");
            if (elapsed + WarmupSliceSeconds >= minimumSeconds && previous > 0 && Math.Abs(slice - previous) / previous <= SettledWithin)
            {
                return;
            }

            previous = slice;
        }

        Console.WriteLine($"   throughput had not settled after {maximumSeconds} s of warm-up; measuring anyway");
    }

    public static async Task<LoadResult> RunAsync(Target target, Workload workload, string key, BenchSettings settings, Func<TimeSpan> backendCpu)
    {
        Console.WriteLine($"-- {workload.Name} {target.Name}: {target.UrlOf(workload)} ({settings.DurationSeconds} s measured)");
        var allocatedBefore = target.Allocations is { } probe ? await probe.ReadAsync() : 0;
        var proxyBefore = target.ProxyCpu?.Invoke() ?? TimeSpan.Zero;
        var backendBefore = backendCpu();
        var output = await RunWrkAsync(target.UrlOf(workload), workload, key, settings, settings.DurationSeconds);
        var proxyCpu = (target.ProxyCpu?.Invoke() ?? TimeSpan.Zero) - proxyBefore;
        var backendCpuUsed = backendCpu() - backendBefore;
        long? allocated = target.Allocations is { } after ? await after.ReadAsync() - allocatedBefore : null;
        var result = new LoadResult(
            target.Name,
            RequestsPerSecondOf(output),
            Percentile(output, "50"),
            Percentile(output, "99"),
            long.Parse(Requests().Match(output).Groups[1].Value, CultureInfo.InvariantCulture),
            Errors(output),
            proxyCpu,
            backendCpuUsed,
            allocated);
        Console.WriteLine($"   {result.RequestsPerSecond:F0} req/s, p50 {result.P50Ms:F2} ms, p99 {result.P99Ms:F2} ms, errors {result.Errors}, "
            + $"CPU per request: proxy {result.ProxyMicrosecondsPerRequest:F0} us, backend {result.BackendMicrosecondsPerRequest:F0} us"
            + (result.ProxyBytesPerRequest is { } bytes ? $", allocated per request: {bytes:F0} B" : ""));
        return result;
    }

    private static double RequestsPerSecondOf(string output) =>
        double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);

    private static async Task<string> RunWrkAsync(Uri url, Workload workload, string key, BenchSettings settings, int seconds)
    {
        var startInfo = new ProcessStartInfo("wrk")
        {
            ArgumentList =
            {
                "-t", settings.Threads.ToString(CultureInfo.InvariantCulture),
                "-c", settings.Connections.ToString(CultureInfo.InvariantCulture),
                "-d", $"{seconds}s",
                "--latency",
                "-H", $"Authorization: Bearer {key}",
            },
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (workload.WrkScript is { } script)
        {
            startInfo.ArgumentList.Add("-s");
            startInfo.ArgumentList.Add(ScriptFile(workload.Name, script));
        }

        startInfo.ArgumentList.Add(url.ToString());
        using var wrk = Process.Start(startInfo) ?? throw new InvalidOperationException("wrk did not start; install it (apt-get install wrk).");
        var output = await wrk.StandardOutput.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        return wrk.ExitCode == 0 ? output : throw new InvalidOperationException($"wrk failed ({wrk.ExitCode}): {output}");
    }

    private static readonly Dictionary<string, string> ScriptFiles = [];

    /// <summary>The workload's wrk script, written once to a temporary file.</summary>
    private static string ScriptFile(string name, string script)
    {
        lock (ScriptFiles)
        {
            if (!ScriptFiles.TryGetValue(name, out var path))
            {
                path = Path.Combine(Directory.CreateTempSubdirectory($"gatewaybench-{name}-").FullName, "load.lua");
                File.WriteAllText(path, script);
                ScriptFiles[name] = path;
            }

            return path;
        }
    }

    private static double Percentile(string output, string percent)
    {
        var match = Regex.Match(output, $@"^\s*{percent}%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    // Non-2xx answers, socket errors and timeouts all count as errors.
    private static long Errors(string output)
    {
        long errors = 0;
        if (NonSuccess().Match(output) is { Success: true } non2xx)
        {
            errors += long.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture);
        }

        if (SocketErrors().Match(output) is { Success: true } socket)
        {
            errors += Enumerable.Range(1, 4).Sum(group => long.Parse(socket.Groups[group].Value, CultureInfo.InvariantCulture));
        }

        return errors;
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex Requests();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex NonSuccess();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();
}
