using System.Globalization;
using System.Text;

namespace Platform.Bench.LoadTest;

/// <summary>Per operation: throughput, latency percentiles of the successful requests and error ratio, against the SLO targets.</summary>
public sealed record OperationFigures(Operation Operation, int Requests, double PerSecond, TimeSpan P50, TimeSpan P95, TimeSpan P99, int Errors, int Rejected, double ErrorRatio, bool MeetsSlo);

public static class LoadReport
{
    public static IReadOnlyList<OperationFigures> Figures(LoadResult result, SloTargets slo) =>
    [
        .. result.Samples.GroupBy(sample => sample.Operation).OrderBy(group => group.Key).Select(group =>
        {
            var latencies = group.Where(sample => sample.Outcome == Outcome.Succeeded).Select(sample => sample.Latency).Order().ToList();
            var errors = group.Count(sample => sample.Outcome is Outcome.Failed or Outcome.Refused);
            var ratio = (double)errors / group.Count();
            var p95 = Percentile(latencies, 0.95);
            return new OperationFigures(
                group.Key,
                group.Count(),
                group.Count() / Math.Max(result.Duration.TotalSeconds, 0.001),
                Percentile(latencies, 0.50),
                p95,
                Percentile(latencies, 0.99),
                errors,
                group.Count(sample => sample.Outcome == Outcome.Rejected),
                ratio,
                ratio <= slo.MaxErrorRatio && (!slo.P95.TryGetValue(group.Key, out var target) || p95 <= target));
        }),
    ];

    /// <summary>Nearest-rank percentile; zero when nothing succeeded.</summary>
    public static TimeSpan Percentile(IReadOnlyList<TimeSpan> sorted, double quantile) =>
        sorted.Count == 0 ? TimeSpan.Zero : sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static string Table(LoadResult result, SloTargets slo)
    {
        var text = new StringBuilder();
        text.AppendLine("| operation | requests | req/s | p50 ms | p95 ms | p99 ms | errors | 429 | error ratio | p95 target ms | error target | SLO |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var row in Figures(result, slo))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {row.Operation} | {row.Requests} | {row.PerSecond:F1} | {row.P50.TotalMilliseconds:F0} | {row.P95.TotalMilliseconds:F0} | {row.P99.TotalMilliseconds:F0} | {row.Errors} | {row.Rejected} | {row.ErrorRatio:P2} | {slo.P95.GetValueOrDefault(row.Operation).TotalMilliseconds:F0} | {slo.MaxErrorRatio:P1} | {(row.MeetsSlo ? "met" : "MISSED")} |");
        }

        var runs = result.Runs;
        text.AppendLine(CultureInfo.InvariantCulture, $"\n{result.Samples.Count} requests in {result.Duration.TotalSeconds:F1} s; failed requests (5xx or connection error) {result.FailedRequests}, failed streams {result.FailedStreams}; " +
            $"agent runs followed {runs.Count}, ended {runs.Count(run => run.FinalStatus is not null)}, succeeded {runs.Count(run => run.FinalStatus == "succeeded")}, stream rejoins {runs.Sum(run => run.Rejoins)}.");
        return text.ToString();
    }
}
