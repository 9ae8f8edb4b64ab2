namespace Platform.Bench.Gateway;

/// <summary>Side-by-side results, the ratios the targets are stated in, and the command that reproduces them.</summary>
public static class Report
{
    public const double GatewayToDirectTarget = 0.40;
    public const double GatewayToNginxTarget = 0.80;

    public static void Print(IReadOnlyList<LoadResult> results, BenchSettings settings, long backendRequests)
    {
        var direct = results.Single(r => r.Name == "direct");
        var gateway = results.Single(r => r.Name == "gateway");
        var nginx = results.Single(r => r.Name == "nginx");

        Console.WriteLine();
        Console.WriteLine($"{"path",-8} {"req/s",10} {"p50 ms",8} {"p99 ms",8} {"errors",7} {"proxy CPU us/req",17} {"backend CPU us/req",19}");
        foreach (var result in results)
        {
            var proxyCpu = result.Name == "direct" ? "-" : result.ProxyMicrosecondsPerRequest.ToString("F0", System.Globalization.CultureInfo.InvariantCulture);
            Console.WriteLine($"{result.Name,-8} {result.RequestsPerSecond,10:F0} {result.P50Ms,8:F2} {result.P99Ms,8:F2} {result.Errors,7} {proxyCpu,17} {result.BackendMicrosecondsPerRequest,19:F0}");
        }

        Console.WriteLine();
        Ratio("gateway/direct", gateway.RequestsPerSecond / direct.RequestsPerSecond, GatewayToDirectTarget);
        Ratio("gateway/nginx", gateway.RequestsPerSecond / nginx.RequestsPerSecond, GatewayToNginxTarget);
        Ratio("nginx/direct", nginx.RequestsPerSecond / direct.RequestsPerSecond, null);
        Console.WriteLine($"proxy CPU per request, gateway/nginx: {gateway.ProxyMicrosecondsPerRequest / nginx.ProxyMicrosecondsPerRequest:F2}");
        Console.WriteLine($"added latency p50: gateway {gateway.P50Ms - direct.P50Ms:+0.00;-0.00} ms, nginx {nginx.P50Ms - direct.P50Ms:+0.00;-0.00} ms");
        Console.WriteLine($"added latency p99: gateway {gateway.P99Ms - direct.P99Ms:+0.00;-0.00} ms, nginx {nginx.P99Ms - direct.P99Ms:+0.00;-0.00} ms");
        Console.WriteLine($"backend answered {backendRequests} requests in total; {Environment.ProcessorCount} cores shared by load generator, proxies, Redis and backend");
        Console.WriteLine($"load average at the end (1, 5, 15 min): {LoadAverage()}; anything far above the core count means other work competed for the CPU");
        Console.WriteLine();
        Console.WriteLine($"reproduce: {settings.ReproduceCommand}");
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static void Ratio(string name, double value, double? target) =>
        Console.WriteLine(target is { } goal
            ? $"{name,-15} {value,5:F2}  (target >= {goal:F2}: {(value >= goal ? "met" : "NOT met")})"
            : $"{name,-15} {value,5:F2}");
}
