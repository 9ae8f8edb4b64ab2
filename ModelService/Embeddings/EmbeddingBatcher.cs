using System.Diagnostics;
using Platform.ModelService.Registry;
using Platform.ModelService.Telemetry;

namespace Platform.ModelService.Embeddings;

/// <summary>
/// Dynamic batching for one embedding model: requests queue, and a single worker runs their inputs together once a
/// batch is full (or as full as the recent batches were) or the oldest input has waited
/// <see cref="EmbeddingModelOptions.MaxQueueDelay"/>. What runs together is chosen by a token budget and by length
/// (<see cref="BatchPlanner"/>), oldest input first. The queue is bounded in inputs and in tokens (a request that
/// does not fit fails at once with <see cref="QueueFullException"/>) and a cancelled request leaves it immediately.
/// The queue is shared fairly between tenants: one tenant's waiting inputs may hold only its share of the queue
/// (<see cref="TenantShare"/>), and batches take tenants' inputs in turn (<see cref="FairOrder"/>), not first come.
/// </summary>
public sealed partial class EmbeddingBatcher : IAsyncDisposable
{
    private readonly string _modelId;
    private readonly OnnxEmbeddingModel _model;
    private readonly EmbeddingModelOptions _options;
    private readonly ModelTelemetry _telemetry;
    private readonly ILogger _logger;

    private readonly Lock _gate = new();
    private readonly LinkedList<QueuedInput> _queue = new();
    private readonly BatchPlanner _planner;
    private readonly SemaphoreSlim _arrivals = new(0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _worker;
    private readonly TenantShare _share;
    private readonly Dictionary<string, TenantShare.Load> _tenants = new(StringComparer.Ordinal);
    private int _queuedInputs;
    private long _queuedTokens;
    private long _processedInputs;

    private readonly BatchTrigger _trigger;

    // Scratch lists of the worker thread for planning a batch.
    private readonly List<LinkedListNode<QueuedInput>> _candidates = [];
    private readonly List<int> _candidateLengths = [];
    private readonly List<int> _chosen = [];
    private readonly FairOrder _fairOrder = new();

    public EmbeddingBatcher(string modelId, OnnxEmbeddingModel model, EmbeddingModelOptions options, ModelTelemetry telemetry, ILogger logger)
    {
        _modelId = modelId;
        _model = model;
        _options = options;
        _telemetry = telemetry;
        _logger = logger;
        _planner = new BatchPlanner(options.MaxBatchSize, options.MaxBatchTokens, options.LengthGroupFactor);
        _trigger = new BatchTrigger(options.MaxBatchSize, options.MaxQueueDelay);
        _share = TenantShare.For(options);
        using (ExecutionContext.SuppressFlow())
        {
            _worker = Task.Run(RunAsync);
        }
    }

    /// <summary>Inputs waiting in the queue, not yet taken into a batch.</summary>
    public int QueuedInputs => Volatile.Read(ref _queuedInputs);

    /// <summary>Tokens of the inputs waiting in the queue.</summary>
    public long QueuedTokens => Interlocked.Read(ref _queuedTokens);

    /// <summary>Inputs run through the model since start.</summary>
    public long ProcessedInputs => Interlocked.Read(ref _processedInputs);

    /// <summary>Inputs of one tenant waiting in the queue.</summary>
    public int QueuedInputsOf(string tenant)
    {
        lock (_gate)
        {
            return _tenants.GetValueOrDefault(tenant).Inputs;
        }
    }

    public async Task<float[][]> EmbedAsync(IReadOnlyList<long[]> inputs, string tenant, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var job = new EmbeddingJob(inputs, tenant, Activity.Current?.Context ?? default);
        var tokens = inputs.Sum(input => (long)input.Length);
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested)
            {
                throw new ObjectDisposedException(nameof(EmbeddingBatcher));
            }

            if (_queuedInputs + inputs.Count > _options.QueueCapacity || _queuedTokens + tokens > _options.QueueTokenCapacity)
            {
                _telemetry.RecordRejected(_modelId, ModelTelemetry.QueueFullReason);
                throw new QueueFullException(_modelId);
            }

            var load = _tenants.GetValueOrDefault(tenant);
            if (!_share.Admits(load, inputs.Count, tokens))
            {
                _telemetry.RecordRejected(_modelId, ModelTelemetry.TenantShareReason);
                throw new QueueFullException(_modelId, tenantShare: true);
            }

            _tenants[tenant] = load.Add(inputs.Count, tokens);

            for (var i = 0; i < inputs.Count; i++)
            {
                job.Queued.Add(_queue.AddLast(new QueuedInput(job, i)));
            }

            _queuedInputs += inputs.Count;
            Interlocked.Add(ref _queuedTokens, tokens);
        }

        _arrivals.Release();
        using var registration = cancellationToken.UnsafeRegister(_ => Withdraw(job, cancellationToken), null);
        return await job.Task;
    }

    private void Withdraw(EmbeddingJob job, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var node in job.Queued.Where(node => node.List is not null))
            {
                Dequeued(node);
            }
        }

        job.Cancel(cancellationToken);
    }

    private async Task RunAsync()
    {
        var batch = new List<QueuedInput>(_options.MaxBatchSize);
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

    /// <summary>
    /// Returns once a full batch is queued (<see cref="BatchTrigger"/>: as many inputs as a full or a recent batch
    /// held; or <see cref="EmbeddingModelOptions.MaxBatchTokens"/> tokens) or the oldest queued input has waited the
    /// maximum delay.
    /// </summary>
    private async Task WaitForBatchAsync(CancellationToken stopping)
    {
        while (true)
        {
            long? oldest;
            lock (_gate)
            {
                if (_trigger.IsFull(_queuedInputs) || _queuedTokens >= _options.MaxBatchTokens)
                {
                    return;
                }

                oldest = _queue.First?.Value.Job.EnqueuedAt;
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

    private void TakeBatch(List<QueuedInput> batch)
    {
        lock (_gate)
        {
            _candidates.Clear();
            _candidateLengths.Clear();
            _fairOrder.Arrange(_queue, _candidates);
            foreach (var node in _candidates)
            {
                _candidateLengths.Add(node.Value.Length);
            }

            _planner.Plan(_candidateLengths, _chosen);
            foreach (var index in _chosen)
            {
                var node = _candidates[index];
                var job = node.Value.Job;
                if (!job.Started)
                {
                    job.Started = true;
                    _telemetry.RecordQueueWait(_modelId, Stopwatch.GetElapsedTime(job.EnqueuedAt));
                }

                Dequeued(node);
                batch.Add(node.Value);
            }
        }
    }

    /// <summary>Takes an input out of the queue and its tenant's load (under the lock).</summary>
    private void Dequeued(LinkedListNode<QueuedInput> node)
    {
        _queue.Remove(node);
        _queuedInputs--;
        Interlocked.Add(ref _queuedTokens, -node.Value.Length);
        var tenant = node.Value.Job.Tenant;
        var load = _tenants.GetValueOrDefault(tenant).Add(-1, -node.Value.Length);
        if (load.Inputs <= 0)
        {
            _tenants.Remove(tenant);
        }
        else
        {
            _tenants[tenant] = load;
        }
    }

    private void Run(List<QueuedInput> batch)
    {
        var jobs = batch.Select(slot => slot.Job).Distinct().ToList();
        var links = jobs.Where(job => job.RequestContext != default).Select(job => new ActivityLink(job.RequestContext));
        using var activity = ModelTelemetry.Source.StartActivity(ActivityKind.Internal, parentContext: default, links: links, name: "embeddings batch");
        activity?.SetTag(ModelTelemetry.OperationAttribute, "embeddings");
        activity?.SetTag(ModelTelemetry.ModelAttribute, _modelId);
        var paddedTokens = batch.Count * batch.Max(slot => slot.Length);
        activity?.SetTag("platform.models.batch.size", batch.Count);
        activity?.SetTag("platform.models.batch.tokens", paddedTokens);

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
        _telemetry.RecordBatch(_modelId, batch.Count, paddedTokens);
    }

    private void FailQueued(Exception exception)
    {
        List<EmbeddingJob> left;
        lock (_gate)
        {
            left = [.. _queue.Select(input => input.Job).Distinct()];
            _queue.Clear();
            _tenants.Clear();
            _queuedInputs = 0;
            Interlocked.Exchange(ref _queuedTokens, 0);
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
