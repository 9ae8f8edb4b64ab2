using System.Runtime.InteropServices;

namespace Platform.AgentService.Knowledge;

/// <summary>
/// Embeddings in Redis: one hash field per document holding the float32 (little-endian) vectors of all its chunks
/// back to back, chunk i at offset i × dimensions. A search reads a few large values instead of one per chunk,
/// which is what keeps the exact search fast (docs/performance.md, "Knowledge search").
/// </summary>
public static class VectorBlobs
{
    public static byte[] Pack(IEnumerable<ReadOnlyMemory<float>> vectors) =>
        vectors.SelectMany(vector => MemoryMarshal.AsBytes(vector.Span).ToArray()).ToArray();

    /// <summary>The chunk vectors of one document blob, named <c>{documentId}:{index}</c>, without copying per chunk.</summary>
    public static IEnumerable<(string Id, ReadOnlyMemory<float> Vector)> Unpack(string documentId, byte[] blob, int dimensions)
    {
        var all = MemoryMarshal.Cast<byte, float>(blob).ToArray();
        for (var i = 0; i * dimensions + dimensions <= all.Length; i++)
        {
            yield return ($"{documentId}:{i}", new ReadOnlyMemory<float>(all, i * dimensions, dimensions));
        }
    }
}
