using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using Platform.AgentService.Knowledge;
using Platform.TestSupport;
using StackExchange.Redis;

// Knowledge search is exact brute force over every chunk vector of a collection. This measures, side by side in one
// run against a real redis-server on loopback, how three parts of a search grow with the collection size:
//   cold  = read every vector from Redis and decode it (first search on a replica, or after a change), then score;
//   warm  = the service's usual path: one GET of the collection version, cached vectors, score;
//   score = cosine top-k alone.
// It also checks that the top-k equals a full sort (the search is exact).
const int Dimensions = 384;
const int TopK = 5;
const int ChunksPerDocument = 100;
var sizes = args.Length > 0 ? args.Select(int.Parse).ToArray() : [1_000, 5_000, 10_000, 20_000, 50_000, 100_000];
var random = new Random(42);

await using var redisServer = await RedisServer.StartAsync();
await using var redis = await ConnectionMultiplexer.ConnectAsync(redisServer.ConnectionString + ",syncTimeout=60000,asyncTimeout=60000");
var db = redis.GetDatabase();

Console.WriteLine($"Exact cosine top-{TopK}, {Dimensions}-dim float32 vectors, {ChunksPerDocument} chunks per document (median ms).");
Console.WriteLine($"{"chunks",8} {"cold ms",9} {"warm ms",9} {"score ms",9} {"cold/warm",10} {"warm vs 1k",11} {"exact",6}");
double? warmBaseline = null;
foreach (var size in sizes)
{
    var collection = $"bench{size}";
    var vectors = new List<(string Id, ReadOnlyMemory<float> Vector)>(size);
    // Stored as the service stores them: one blob per document.
    for (var document = 0; document * ChunksPerDocument < size; document++)
    {
        var chunkVectors = Enumerable.Range(0, Math.Min(ChunksPerDocument, size - document * ChunksPerDocument))
            .Select(_ => (ReadOnlyMemory<float>)RandomUnitVector(random)).ToList();
        vectors.AddRange(chunkVectors.Select((vector, i) => ($"doc{document}:{i}", vector)));
        await db.HashSetAsync(KnowledgeKeys.Vectors(collection), $"doc{document}", VectorBlobs.Pack(chunkVectors));
    }

    var query = RandomUnitVector(random);
    var runs = size >= 50_000 ? 5 : 15;
    var options = Options.Create(new KnowledgeOptions { MaxCachedChunks = 1_000_000 });
    var cold = Median(await TimeAsync(runs, async () =>
    {
        var candidates = await new VectorCache(options).GetAsync(db, collection, Dimensions);
        ExactVectorSearch.TopK(query, candidates, TopK);
    }));
    var cache = new VectorCache(options);
    await cache.GetAsync(db, collection, Dimensions);
    var warm = Median(await TimeAsync(runs, async () =>
    {
        var candidates = await cache.GetAsync(db, collection, Dimensions);
        ExactVectorSearch.TopK(query, candidates, TopK);
    }));
    var score = Median(await TimeAsync(runs, () => Task.FromResult(ExactVectorSearch.TopK(query, vectors, TopK))));

    var expected = vectors.Select(v => (v.Id, Score: Cosine(query, v.Vector.Span))).OrderByDescending(v => v.Score).Take(TopK).Select(v => v.Id);
    var cached = await cache.GetAsync(db, collection, Dimensions);
    var actual = ExactVectorSearch.TopK(query, cached, TopK).Select(hit => hit.Id);
    warmBaseline ??= warm;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{size,8} {cold,9:F1} {warm,9:F2} {score,9:F2} {cold / warm,9:F0}x {warm / warmBaseline,10:F1}x {(expected.SequenceEqual(actual) ? "yes" : "NO"),6}"));
    await db.KeyDeleteAsync(KnowledgeKeys.Vectors(collection));
}

Console.WriteLine();
Console.WriteLine("Reproduce: dotnet run -c Release --project bench/KnowledgeBench [sizes...]");

static float[] RandomUnitVector(Random random)
{
    var vector = new float[Dimensions];
    for (var i = 0; i < vector.Length; i++)
    {
        vector[i] = (float)(random.NextDouble() * 2 - 1);
    }

    var norm = MathF.Sqrt(vector.Sum(v => v * v));
    return vector.Select(v => v / norm).ToArray();
}

static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
{
    double dot = 0, na = 0, nb = 0;
    for (var i = 0; i < a.Length; i++)
    {
        dot += a[i] * b[i];
        na += a[i] * a[i];
        nb += b[i] * b[i];
    }

    return (float)(dot / Math.Sqrt(na * nb));
}

static async Task<List<double>> TimeAsync(int runs, Func<Task> action)
{
    var times = new List<double>(runs);
    for (var i = 0; i < runs; i++)
    {
        var started = Stopwatch.GetTimestamp();
        await action();
        times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    return times;
}

static double Median(List<double> values)
{
    values.Sort();
    return values[values.Count / 2];
}
