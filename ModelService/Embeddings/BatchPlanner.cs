namespace Platform.ModelService.Embeddings;

/// <summary>
/// Chooses the next batch from the queued inputs, oldest first: the oldest input always runs, and others join in
/// age order while the batch keeps to <see cref="MaxBatchSize"/> inputs, to <see cref="MaxBatchTokens"/> tokens as
/// ONNX Runtime runs them (inputs times the longest, since shorter ones are padded), and to one length group: its
/// longest input at most <see cref="LengthGroupFactor"/> times its shortest, plus <see cref="LengthSlack"/> tokens.
/// So a 10-token query is not padded to a 250-token chunk; it waits for the next batch of short inputs instead.
/// </summary>
public sealed class BatchPlanner(int maxBatchSize, int maxBatchTokens, double lengthGroupFactor)
{
    /// <summary>
    /// Short inputs differ a lot relatively but little in absolute padding (8 against 24 tokens), and a bigger batch
    /// outweighs that padding; the slack lets them run together.
    /// </summary>
    public const int LengthSlack = 16;

    public int MaxBatchSize { get; } = maxBatchSize;

    public int MaxBatchTokens { get; } = maxBatchTokens;

    public double LengthGroupFactor { get; } = lengthGroupFactor;

    /// <summary>Indexes into <paramref name="lengths"/> (queued inputs, oldest first) of the inputs the next batch runs.</summary>
    public void Plan(IReadOnlyList<int> lengths, List<int> chosen)
    {
        chosen.Clear();
        if (lengths.Count == 0)
        {
            return;
        }

        chosen.Add(0);
        var (shortest, longest) = (lengths[0], lengths[0]);
        for (var i = 1; i < lengths.Count && chosen.Count < MaxBatchSize; i++)
        {
            var newShortest = Math.Min(shortest, lengths[i]);
            var newLongest = Math.Max(longest, lengths[i]);
            if (newLongest <= (LengthGroupFactor * newShortest) + LengthSlack && (long)(chosen.Count + 1) * newLongest <= MaxBatchTokens)
            {
                chosen.Add(i);
                (shortest, longest) = (newShortest, newLongest);
            }
        }
    }
}
