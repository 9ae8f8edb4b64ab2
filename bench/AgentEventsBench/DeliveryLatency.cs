using System.Diagnostics;
using Microsoft.Extensions.Options;
using Platform.AgentService.Runs;
using StackExchange.Redis;

namespace Platform.Bench.AgentEvents;

/// <summary>Event delivery latency percentiles, in milliseconds.</summary>
public sealed record LatencyResult(double P50, double P99, double Max, int Delivered);

/// <summary>
/// Writes events one at a time with the worker's own code (<see cref="RunStore.AppendEventAsync"/>), each to one of
/// the open streams in turn, and times the write's start to the client's read of it, while every stream stays open.
/// A random pause before each write spreads the writes over the polling period: streams opened together poll in step,
/// and a write made right after a delivery would otherwise always just miss the next poll.
/// </summary>
public static class DeliveryLatency
{
    public static async Task<LatencyResult> MeasureAsync(int redisPort, IdleStreams streams, int events)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{redisPort}");
        var store = new RunStore(connection, Options.Create(new RunOptions()));
        var samples = new List<double>();
        for (var sequence = 0; sequence < events; sequence++)
        {
            await Task.Delay(Random.Shared.Next(0, 100));
            var runId = streams.RunIds[sequence * 7919 % streams.RunIds.Count];
            var arrival = streams.ArrivalOf(sequence);
            var written = Stopwatch.GetTimestamp();
            await store.AppendEventAsync(runId, "bench.ping", new { seq = sequence });
            try
            {
                samples.Add(Stopwatch.GetElapsedTime(written, await arrival.WaitAsync(TimeSpan.FromSeconds(5))).TotalMilliseconds);
            }
            catch (TimeoutException)
            {
                Console.Error.WriteLine($"event {sequence} on {runId} was not delivered within 5 s");
            }
        }

        samples.Sort();
        return samples.Count == 0
            ? new LatencyResult(double.NaN, double.NaN, double.NaN, 0)
            : new LatencyResult(Percentile(samples, 0.50), Percentile(samples, 0.99), samples[^1], samples.Count);
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
