using System.Collections.Concurrent;
using System.Diagnostics;

namespace Platform.Bench.LoadTest;

/// <summary>
/// Runs the profile: each client waits its turn in the ramp-up, then sends one operation after another (chosen by the
/// mix, seeded) until the hold ends, the request cap is reached or <c>stopStarting</c> fires (a drill ends its load
/// when its last step is done); what is in flight then gets the drain timeout. Progress is reported every few seconds.
/// </summary>
public sealed class LoadRunner(LoadOptions options, Action<string> progress)
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(5);
    private int _completed;

    /// <summary>Requests finished so far, for a caller that paces its own steps by the load (a drill).</summary>
    public int Completed => Volatile.Read(ref _completed);

    public async Task<LoadResult> RunAsync(CancellationToken cancellationToken, CancellationToken stopStarting = default)
    {
        using var http = PlatformClient.CreateHttpClient(options);
        var client = new PlatformClient(http, options);
        var model = await client.ChatModelAsync(cancellationToken);
        var agents = new List<string>();
        if (options.Mix.GetValueOrDefault(Operation.AgentRun) > 0)
        {
            for (var i = 0; i < options.Clients; i++)
            {
                agents.Add(await client.CreateAgentAsync(model, cancellationToken));
            }
        }

        var samples = new ConcurrentQueue<Sample>();
        var runs = new ConcurrentQueue<FollowedRun>();
        var started = 0;
        var holdEnds = options.RampUp + options.Hold;
        using var hardStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        hardStop.CancelAfter(holdEnds + options.DrainTimeout);
        using var stopped = stopStarting.Register(() => hardStop.CancelAfter(options.DrainTimeout));
        var clock = Stopwatch.StartNew();
        var startedAt = Stopwatch.GetTimestamp();
        var picker = new OperationPicker(options.Mix);

        async Task ClientAsync(int index)
        {
            await Task.Delay(options.RampUp * index / options.Clients, hardStop.Token);
            var random = new Random(options.Seed + index);
            while (clock.Elapsed < holdEnds && !stopStarting.IsCancellationRequested && Interlocked.Increment(ref started) <= options.MaxRequests)
            {
                var at = clock.Elapsed;
                switch (picker.Next(random))
                {
                    case Operation.Embeddings:
                        samples.Enqueue(await client.EmbeddingsAsync(started, at, hardStop.Token));
                        Interlocked.Increment(ref _completed);
                        break;
                    case Operation.Chat:
                        samples.Enqueue(await client.ChatAsync(model, at, hardStop.Token));
                        Interlocked.Increment(ref _completed);
                        break;
                    case Operation.ChatStream:
                        samples.Enqueue(await client.ChatStreamAsync(model, at, hardStop.Token));
                        Interlocked.Increment(ref _completed);
                        break;
                    default:
                        var (sample, run) = await client.AgentRunAsync(agents[index], at, hardStop.Token);
                        samples.Enqueue(sample);
                        Interlocked.Increment(ref _completed);
                        if (run is not null)
                        {
                            runs.Enqueue(run);
                        }

                        break;
                }
            }
        }

        using var reporting = new Timer(_ => progress($"{clock.Elapsed.TotalSeconds,5:F0} s: {samples.Count} requests done, {samples.Count(s => s.Outcome == Outcome.Failed)} failed"), null, ProgressInterval, ProgressInterval);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(index => Task.Run(() => ClientAsync(index), CancellationToken.None)));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            progress($"stopped requests still open after the drain timeout ({options.DrainTimeout.TotalSeconds:F0} s)");
        }

        return new LoadResult([.. samples.OrderBy(sample => sample.Started)], [.. runs], clock.Elapsed) { StartTimestamp = startedAt };
    }
}

/// <summary>Picks the next operation with probability proportional to its parts in the mix.</summary>
public sealed class OperationPicker(IReadOnlyDictionary<Operation, int> mix)
{
    private readonly (Operation Operation, int Upto)[] _ranges = Ranges(mix);

    public Operation Next(Random random)
    {
        var roll = random.Next(_ranges[^1].Upto);
        return _ranges.First(range => roll < range.Upto).Operation;
    }

    private static (Operation, int)[] Ranges(IReadOnlyDictionary<Operation, int> mix)
    {
        var total = 0;
        var ranges = mix.Where(pair => pair.Value > 0).OrderBy(pair => pair.Key).Select(pair => (pair.Key, total += pair.Value)).ToArray();
        return ranges.Length > 0 ? ranges : throw new ArgumentException("The mix has no operation with a share above zero.", nameof(mix));
    }
}

public sealed record LoadResult(IReadOnlyList<Sample> Samples, IReadOnlyList<FollowedRun> Runs, TimeSpan Duration)
{
    /// <summary>When the load began (<see cref="Stopwatch.GetTimestamp"/>): <see cref="Sample.Started"/> counts from here.</summary>
    public long StartTimestamp { get; init; }

    /// <summary>A moment of the caller's (a <see cref="Stopwatch.GetTimestamp"/>) on the samples' time line.</summary>
    public TimeSpan Offset(long timestamp) => Stopwatch.GetElapsedTime(StartTimestamp, timestamp);

    /// <summary>5xx or connection errors on requests (not inside a stream already answered): the switch drill wants none.</summary>
    public int FailedRequests => Samples.Count(sample => sample.Outcome == Outcome.Failed && !sample.InStream);

    public int FailedStreams => Samples.Count(sample => sample.Outcome == Outcome.Failed && sample.InStream);
}
