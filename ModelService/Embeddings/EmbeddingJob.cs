using System.Diagnostics;

namespace Platform.ModelService.Embeddings;

/// <summary>One request's inputs waiting in, or running through, the batch queue.</summary>
internal sealed class EmbeddingJob(IReadOnlyList<long[]> inputs, string tenant, ActivityContext requestContext)
{
    private readonly TaskCompletionSource<float[][]> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly float[][] _results = new float[inputs.Count][];
    private int _pending = inputs.Count;

    public IReadOnlyList<long[]> Inputs { get; } = inputs;

    /// <summary>Whose inputs these are: the queue's share and turn-taking are per tenant.</summary>
    public string Tenant { get; } = tenant;

    public ActivityContext RequestContext { get; } = requestContext;

    public long EnqueuedAt { get; } = Stopwatch.GetTimestamp();

    /// <summary>The job's inputs in the queue; an input leaves it when a batch takes it (guarded by the batcher's lock).</summary>
    public List<LinkedListNode<QueuedInput>> Queued { get; } = new(inputs.Count);

    /// <summary>Whether a batch has taken any of its inputs yet (guarded by the batcher's lock).</summary>
    public bool Started { get; set; }

    public Task<float[][]> Task => _completion.Task;

    public void Complete(int index, float[] vector)
    {
        _results[index] = vector;
        if (Interlocked.Decrement(ref _pending) == 0)
        {
            _completion.TrySetResult(_results);
        }
    }

    public void Fail(Exception exception) => _completion.TrySetException(exception);

    public void Cancel(CancellationToken cancellationToken) => _completion.TrySetCanceled(cancellationToken);
}

/// <summary>One input of a job, as the queue holds it.</summary>
internal sealed record QueuedInput(EmbeddingJob Job, int Index)
{
    public int Length => Job.Inputs[Index].Length;
}
