using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Platform.Bench.Gateway;

/// <summary>Throughput and latency of one target under wrk's closed-loop load.</summary>
public sealed record LoadResult(string Name, double RequestsPerSecond, double P50Ms, double P99Ms, long Requests, long Errors)
{
    /// <summary>One result per target: means of its rounds, errors and requests summed.</summary>
    public static IReadOnlyList<LoadResult> Average(IEnumerable<LoadResult> runs) =>
        runs.GroupBy(run => run.Name)
            .Select(group => new LoadResult(group.Key,
                group.Average(run => run.RequestsPerSecond), group.Average(run => run.P50Ms), group.Average(run => run.P99Ms),
                group.Sum(run => run.Requests), group.Sum(run => run.Errors)))
            .ToList();
}

/// <summary>Runs wrk (a warm-up, then the measured run) with the same connections, threads and headers for every target.</summary>
public static partial class Wrk
{
    public static async Task<LoadResult> RunAsync(string name, Uri url, string key, BenchSettings settings, int warmupSeconds)
    {
        Console.WriteLine($"-- {name}: {url} ({warmupSeconds} s warm-up, {settings.DurationSeconds} s measured)");
        await RunWrkAsync(url, key, settings, warmupSeconds);
        var output = await RunWrkAsync(url, key, settings, settings.DurationSeconds);
        var result = new LoadResult(
            name,
            double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture),
            Percentile(output, "50"),
            Percentile(output, "99"),
            long.Parse(Requests().Match(output).Groups[1].Value, CultureInfo.InvariantCulture),
            Errors(output));
        Console.WriteLine($"   {result.RequestsPerSecond:F0} req/s, p50 {result.P50Ms:F2} ms, p99 {result.P99Ms:F2} ms, errors {result.Errors}");
        return result;
    }

    private static async Task<string> RunWrkAsync(Uri url, string key, BenchSettings settings, int seconds)
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
                url.ToString(),
            },
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var wrk = Process.Start(startInfo) ?? throw new InvalidOperationException("wrk did not start; install it (apt-get install wrk).");
        var output = await wrk.StandardOutput.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        return wrk.ExitCode == 0 ? output : throw new InvalidOperationException($"wrk failed ({wrk.ExitCode}): {output}");
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
