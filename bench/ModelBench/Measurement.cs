using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Platform.ModelBench;

/// <summary>Throughput and latency of one measured run.</summary>
/// <remarks>
/// <see cref="CpuTime"/> is this whole process's CPU time during the run (benchmark clients included): unlike
/// throughput, CPU time per sentence barely depends on what else the machine is doing.
/// </remarks>
internal sealed record Measurement(string Name, long Sentences, long Tokens, TimeSpan Elapsed, TimeSpan CpuTime, double[] LatenciesMs)
{
    public static Measurement Empty(string name) => new(name, 0, 0, TimeSpan.Zero, TimeSpan.Zero, []);

    public double CpuMsPerSentence => CpuTime.TotalMilliseconds / Sentences;

    /// <summary>Adds another slice of the same measurement (interleaved rounds).</summary>
    public Measurement Plus(Measurement slice) =>
        new(Name, Sentences + slice.Sentences, Tokens + slice.Tokens, Elapsed + slice.Elapsed, CpuTime + slice.CpuTime, [.. LatenciesMs, .. slice.LatenciesMs]);

    public double PerSecond => Sentences / Elapsed.TotalSeconds;

    /// <summary>Tokens the model saw per second ([CLS]/[SEP] included, padding not): what a mixed workload is measured in.</summary>
    public double TokensPerSecond => Tokens / Elapsed.TotalSeconds;

    public double Percentile(double p)
    {
        if (LatenciesMs.Length == 0)
        {
            return double.NaN;
        }

        var sorted = LatenciesMs.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }
}

/// <summary>What one call did: sentences embedded and the tokens they had.</summary>
internal readonly record struct Work(int Sentences, long Tokens);

internal static class Runs
{
    /// <summary>Calls <paramref name="work"/> in a loop on each of <paramref name="workers"/> tasks for a fixed time.</summary>
    public static async Task<Measurement> TimedAsync(string name, int workers, TimeSpan duration, Func<int, long, Task<Work>> work)
    {
        var latencies = new List<double>[workers];
        var sentences = new long[workers];
        var tokens = new long[workers];
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            latencies[worker] = [];
            for (long call = 0; stopwatch.Elapsed < duration; call++)
            {
                var started = Stopwatch.GetTimestamp();
                var done = await work(worker, call);
                sentences[worker] += done.Sentences;
                tokens[worker] += done.Tokens;
                latencies[worker].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })));
        stopwatch.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        return new Measurement(name, sentences.Sum(), tokens.Sum(), stopwatch.Elapsed, cpu, [.. latencies.SelectMany(list => list)]);
    }

    /// <summary>Posts one embeddings request; base64 is what the official OpenAI SDKs ask for by default.</summary>
    public static async Task<Work> PostEmbeddingsAsync(HttpClient client, string[] inputs, string encodingFormat = "base64")
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new { model = ServiceUnderTest.Model, input = inputs, encoding_format = encodingFormat });
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        using var response = await client.PostAsync("/v1/embeddings", content);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{(int)response.StatusCode}: {Encoding.UTF8.GetString(bytes)}");
        }

        using var answer = JsonDocument.Parse(bytes);
        return new Work(inputs.Length, answer.RootElement.GetProperty("usage").GetProperty("prompt_tokens").GetInt64());
    }
}
