using System.Diagnostics;
using Platform.ModelService.Registry;
using Platform.ModelService.Telemetry;

namespace Platform.ModelService.Embeddings;

/// <summary>
/// Dynamic batching for one embedding model: requests queue, and a single worker runs their inputs together,
/// up to <see cref="EmbeddingModelOptions.MaxBatchSize"/> inputs, once the batch is full (or as full as the recent
/// batches were) or the oldest input has waited <see cref="EmbeddingModelOptions.MaxQueueDelay"/>. The queue is bounded (a request that does not fit
/// fails at once with <see cref="QueueFullException"/>) and a cancelled request leaves it immediately.
/// </summary>
public sealed partial class EmbeddingBatcher : IAsyncDisposable
{
    private readonly string _modelId;
    private readonly OnnxEmbeddingModel _model;
    private readonly EmbeddingModelOptions _options;
    private readonly ModelTelemetry _telemetry;
    private readonly ILogger _logger;

    private readonly Lock _gate = new();
    private readonly LinkedList<EmbeddingJob> _queue = new();
    private readonly SemaphoreSlim _arrivals = new(0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _worker;
    private int _queuedInputs;
    private long _processedInputs;

    private readonly BatchTrigger _trigger;

    public EmbeddingBatcher(string modelId, OnnxEmbeddingModel model, EmbeddingModelOptions options, ModelTelemetry telemetry, ILogger logger)
    {
        _modelId = modelId;
        _model = model;
        _options = options;
        _telemetry = telemetry;
        _logger = logger;
        _trigger = new BatchTrigger(options.MaxBatchSize, options.MaxQueueDelay);
        using (ExecutionContext.SuppressFlow())
        {
            _worker = Task.Run(RunAsync);
        }
    }

    /// <summary>Inputs waiting in the queue, not yet taken into a batch.</summary>
    public int QueuedInputs => Volatile.Read(ref _queuedInputs);

    /// <summary>Inputs run through the model since start.</summary>
    public long ProcessedInputs => Interlocked.Read(ref _processedInputs);

    public async Task<float[][]> EmbedAsync(IReadOnlyList<long[]> inputs, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var job = new EmbeddingJob(inputs, Activity.Current?.Context ?? default);
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested)
            {
                throw new ObjectDisposedException(nameof(EmbeddingBatcher));
            }

            if (_queuedInputs + inputs.Count > _options.QueueCapacity)
            {
                _telemetry.RecordRejected(_modelId, ModelTelemetry.QueueFullReason);
                throw new QueueFullException(_modelId);
            }

            job.Node = _queue.AddLast(job);
            _queuedInputs += inputs.Count;
        }

        _arrivals.Release();
        using var registration = cancellationToken.UnsafeRegister(_ => Withdraw(job, cancellationToken), null);
        return await job.Task;
    }

    private void Withdraw(EmbeddingJob job, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (job.Node is { List: not null } node)
            {
                _queuedInputs -= job.Inputs.Count - job.NextInput;
                _queue.Remove(node);
            }
        }

        job.Cancel(cancellationToken);
    }

    private async Task RunAsync()
    {
        var batch = new List<(EmbeddingJob Job, int Index)>(_options.MaxBatchSize);
        while (true)
        {
            try
            {
                await WaitForBatchAsync(_stopping.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            TakeBatch(batch);
            if (batch.Count > 0)
            {
                _trigger.Ran(batch.Count);
                Run(batch);
                batch.Clear();
            }
        }

        FailQueued(new ObjectDisposedException(nameof(EmbeddingBatcher)));
    }

    /// <summary>Returns once <see cref="BatchTrigger"/> says the queued inputs should run.</summary>
    private async Task WaitForBatchAsync(CancellationToken stopping)
    {
        while (true)
        {
            long? oldest;
            lock (_gate)
            {
                if (_trigger.IsFull(_queuedInputs))
                {
                    return;
                }

                oldest = _queue.First?.Value.EnqueuedAt;
            }

            if (oldest is null)
            {
                await _arrivals.WaitAsync(stopping);
                continue;
            }

            var remaining = _trigger.WaitLeft(Stopwatch.GetElapsedTime(oldest.Value));
            if (remaining <= TimeSpan.Zero)
            {
                return;
            }

            await _arrivals.WaitAsync(remaining, stopping);
        }
    }

    private void TakeBatch(List<(EmbeddingJob Job, int Index)> batch)
    {
        lock (_gate)
        {
            while (batch.Count < _options.MaxBatchSize && _queue.First is { } node)
            {
                var job = node.Value;
                if (job.NextInput == 0)
                {
                    _telemetry.RecordQueueWait(_modelId, Stopwatch.GetElapsedTime(job.EnqueuedAt));
                }

                while (job.NextInput < job.Inputs.Count && batch.Count < _options.MaxBatchSize)
                {
                    batch.Add((job, job.NextInput++));
                }

                if (job.NextInput == job.Inputs.Count)
                {
                    _queue.RemoveFirst();
                }
            }

            _queuedInputs -= batch.Count;
        }
    }

    private void Run(List<(EmbeddingJob Job, int Index)> batch)
    {
        var jobs = batch.Select(slot => slot.Job).Distinct().ToList();
        var links = jobs.Where(job => job.RequestContext != default).Select(job => new ActivityLink(job.RequestContext));
        using var activity = ModelTelemetry.Source.StartActivity(ActivityKind.Internal, parentContext: default, links: links, name: "embeddings batch");
        activity?.SetTag(ModelTelemetry.OperationAttribute, "embeddings");
        activity?.SetTag(ModelTelemetry.ModelAttribute, _modelId);
        activity?.SetTag("platform.models.batch.size", batch.Count);

        float[][] vectors;
        try
        {
            vectors = _model.Embed(batch.Select(slot => slot.Job.Inputs[slot.Index]).ToList());
        }
        catch (Exception exception)
        {
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            LogBatchFailed(exception, _modelId, batch.Count);
            jobs.ForEach(job => job.Fail(exception));
            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Job.Complete(batch[i].Index, vectors[i]);
        }

        Interlocked.Add(ref _processedInputs, batch.Count);
        _telemetry.RecordBatch(_modelId, batch.Count);
    }

    private void FailQueued(Exception exception)
    {
        List<EmbeddingJob> left;
        lock (_gate)
        {
            left = [.. _queue];
            _queue.Clear();
            _queuedInputs = 0;
        }

        left.ForEach(job => job.Fail(exception));
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _stopping.Cancel();
        }

        await _worker;
        _stopping.Dispose();
        _arrivals.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A batch of {BatchSize} inputs for model {Model} failed.")]
    private partial void LogBatchFailed(Exception exception, string model, int batchSize);
}
