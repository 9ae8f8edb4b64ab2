using System.Diagnostics;

namespace Platform.ModelService.Embeddings;

/// <summary>One request's inputs waiting in, or running through, the batch queue.</summary>
internal sealed class EmbeddingJob(IReadOnlyList<long[]> inputs, ActivityContext requestContext)
{
    private readonly TaskCompletionSource<float[][]> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly float[][] _results = new float[inputs.Count][];
    private int _pending = inputs.Count;

    public IReadOnlyList<long[]> Inputs { get; } = inputs;

    public ActivityContext RequestContext { get; } = requestContext;

    public long EnqueuedAt { get; } = Stopwatch.GetTimestamp();

    /// <summary>Index of the next input not yet taken into a batch (guarded by the batcher's lock).</summary>
    public int NextInput { get; set; }

    /// <summary>The job's place in the queue while it has inputs left to take.</summary>
    public LinkedListNode<EmbeddingJob>? Node { get; set; }

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
