namespace Platform.ModelService.Embeddings;

/// <summary>
/// When the batch worker runs: once as many inputs wait as a full batch holds, or once the oldest input has
/// waited <c>MaxQueueDelay</c>. A full batch is <c>MaxBatchSize</c>, or as many inputs as the largest of the recent
/// batches: closed-loop clients come back together, so once that many wait, waiting out the delay would only leave
/// the model idle. Used by the worker thread alone.
/// </summary>
internal sealed class BatchTrigger(int maxBatchSize, TimeSpan maxQueueDelay)
{
    /// <summary>How many of the last batches count as recent.</summary>
    public const int RecentBatches = 8;

    private readonly int[] _recentSizes = Enumerable.Repeat(maxBatchSize, RecentBatches).ToArray();
    private int _next;

    /// <summary>Inputs that make a batch worth running at once.</summary>
    public int FullBatch => Math.Min(maxBatchSize, _recentSizes.Max());

    /// <summary>Run now when this many inputs are queued.</summary>
    public bool IsFull(int queuedInputs) => queuedInputs >= FullBatch;

    /// <summary>How much longer the oldest queued input may wait; zero or less means run now.</summary>
    public TimeSpan WaitLeft(TimeSpan oldestWaited) => maxQueueDelay - oldestWaited;

    /// <summary>Remembers the size of a batch that ran.</summary>
    public void Ran(int batchSize) => _recentSizes[_next++ % _recentSizes.Length] = batchSize;
}
