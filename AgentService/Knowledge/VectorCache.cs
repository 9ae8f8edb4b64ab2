using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Platform.AgentService.Knowledge;

/// <summary>
/// Decoded vectors of recently searched collections, valid while the collection's version in Redis is unchanged.
/// Reading every vector from Redis costs far more than scoring them (docs/performance.md), so a replica keeps
/// them; a search then costs one GET of the version plus the scoring. Bounded by <see cref="KnowledgeOptions.MaxCachedChunks"/>.
/// </summary>
public sealed class VectorCache(IOptions<KnowledgeOptions> options)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new();

    public async Task<IReadOnlyList<(string Id, ReadOnlyMemory<float> Vector)>> GetAsync(IDatabase db, string collectionId, int dimensions)
    {
        var version = (long?)await db.StringGetAsync(KnowledgeKeys.Version(collectionId)) ?? 0;
        if (_entries.TryGetValue(collectionId, out var cached) && cached.Version == version && cached.Dimensions == dimensions)
        {
            return cached.Vectors;
        }

        var stored = await db.HashGetAllAsync(KnowledgeKeys.Vectors(collectionId));
        var vectors = stored.SelectMany(entry => VectorBlobs.Unpack(entry.Name!, (byte[])entry.Value!, dimensions)).ToList();
        if (vectors.Count <= options.Value.MaxCachedChunks)
        {
            if (_entries.Values.Sum(entry => entry.Vectors.Count) + vectors.Count > options.Value.MaxCachedChunks)
            {
                _entries.Clear();
            }

            _entries[collectionId] = new Entry(version, dimensions, vectors);
        }

        return vectors;
    }

    private sealed record Entry(long Version, int Dimensions, List<(string Id, ReadOnlyMemory<float> Vector)> Vectors);
}
