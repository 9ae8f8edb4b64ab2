using System.Numerics.Tensors;

namespace Platform.AgentService.Knowledge;

/// <summary>
/// Exact top-k by cosine similarity over every stored vector (plain Redis has no vector index). Linear in the
/// number of chunks; docs/performance.md gives the size up to which this stays fast.
/// </summary>
public static class ExactVectorSearch
{
    public static IReadOnlyList<(string Id, float Score)> TopK(ReadOnlySpan<float> query, IReadOnlyList<(string Id, ReadOnlyMemory<float> Vector)> candidates, int k)
    {
        var best = new PriorityQueue<(string Id, float Score), float>(k + 1);
        var queryNorm = TensorPrimitives.Norm(query);
        foreach (var (id, vector) in candidates)
        {
            if (vector.Length != query.Length)
            {
                continue;
            }

            var span = vector.Span;
            var denominator = queryNorm * TensorPrimitives.Norm(span);
            var score = denominator == 0 ? 0 : TensorPrimitives.Dot(query, span) / denominator;
            best.Enqueue((id, score), score);
            if (best.Count > k)
            {
                best.Dequeue();
            }
        }

        var results = new List<(string Id, float Score)>(best.Count);
        while (best.Count > 0)
        {
            results.Add(best.Dequeue());
        }

        results.Reverse();
        return results;
    }
}
