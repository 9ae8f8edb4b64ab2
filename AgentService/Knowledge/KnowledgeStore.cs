using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Platform.AgentService.Models;

namespace Platform.AgentService.Knowledge;

/// <summary>
/// Collections in Redis: <c>kc:{id}</c> (the record), <c>kc:{id}:chunks</c> (chunk id -> text) and
/// <c>kc:{id}:vectors</c> (document id -> the float32 embeddings of its chunks, see <see cref="VectorBlobs"/>). Embeddings come from the models service.
/// </summary>
public sealed class KnowledgeStore(IConnectionMultiplexer redis, ModelClients models, VectorCache cache, IOptions<KnowledgeOptions> options)
{
    private IDatabase Db => redis.GetDatabase();

    private static RedisKey Key(string id) => KnowledgeKeys.Collection(id);

    private static RedisKey ChunksKey(string id) => KnowledgeKeys.Chunks(id);

    private static RedisKey VectorsKey(string id) => KnowledgeKeys.Vectors(id);

    private static RedisKey OwnedKey(string owner) => KnowledgeKeys.Owned(owner);

    public async Task<KnowledgeCollection?> FindAsync(string id, string caller)
    {
        var collection = AgentJson.Deserialize<KnowledgeCollection>(await Db.StringGetAsync(Key(id)));
        return collection?.Owner == caller ? collection : null;
    }

    public async Task<IReadOnlyList<KnowledgeCollection>> ListAsync(string caller)
    {
        var ids = await Db.SetMembersAsync(OwnedKey(caller));
        var values = ids.Length == 0 ? [] : await Db.StringGetAsync(ids.Select(id => Key(id!)).ToArray());
        return values.Select(value => AgentJson.Deserialize<KnowledgeCollection>(value)).OfType<KnowledgeCollection>()
            .Where(collection => collection.Owner == caller).OrderBy(collection => collection.CreatedAt).ToList();
    }

    public Task<long> CountChunksAsync(string id) => Db.HashLengthAsync(ChunksKey(id));

    public async Task SaveAsync(KnowledgeCollection collection)
    {
        var transaction = Db.CreateTransaction();
        _ = transaction.StringSetAsync(Key(collection.Id), AgentJson.Serialize(collection));
        _ = transaction.SetAddAsync(OwnedKey(collection.Owner), collection.Id);
        await transaction.ExecuteAsync();
    }

    public async Task DeleteAsync(KnowledgeCollection collection)
    {
        var transaction = Db.CreateTransaction();
        _ = transaction.KeyDeleteAsync([Key(collection.Id), ChunksKey(collection.Id), VectorsKey(collection.Id)]);
        _ = transaction.StringIncrementAsync(KnowledgeKeys.Version(collection.Id));
        _ = transaction.SetRemoveAsync(OwnedKey(collection.Owner), collection.Id);
        await transaction.ExecuteAsync();
    }

    public IReadOnlyList<string> Chunk(string text) =>
        TextChunker.Split(text, options.Value.ChunkTokens, Math.Min(options.Value.ChunkOverlapTokens, options.Value.ChunkTokens - 1));

    /// <summary>Embeds and stores the chunks of one document; returns the document id.</summary>
    public async Task<string> AddDocumentAsync(KnowledgeCollection collection, IReadOnlyList<string> chunks, string? title, CancellationToken cancellationToken)
    {
        var documentId = Ids.New("doc");
        var vectors = new List<ReadOnlyMemory<float>>(chunks.Count);
        var batchSize = options.Value.EmbeddingBatchSize;
        for (var offset = 0; offset < chunks.Count; offset += batchSize)
        {
            var embeddings = await models.Embeddings.GenerateAsync(chunks.Skip(offset).Take(batchSize), cancellationToken: cancellationToken);
            vectors.AddRange(embeddings.Select(embedding => embedding.Vector));
        }

        var texts = chunks.Select((text, i) => new HashEntry($"{documentId}:{i}", AgentJson.Serialize(new StoredChunk(documentId, title, text)))).ToArray();
        var transaction = Db.CreateTransaction();
        _ = transaction.HashSetAsync(ChunksKey(collection.Id), texts);
        _ = transaction.HashSetAsync(VectorsKey(collection.Id), documentId, VectorBlobs.Pack(vectors));
        _ = transaction.StringIncrementAsync(KnowledgeKeys.Version(collection.Id));
        await transaction.ExecuteAsync();
        return documentId;
    }

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(KnowledgeCollection collection, string query, int topK, CancellationToken cancellationToken)
    {
        var embedding = await models.Embeddings.GenerateAsync(query, cancellationToken: cancellationToken);
        var candidates = await cache.GetAsync(Db, collection.Id, embedding.Vector.Length);
        var best = ExactVectorSearch.TopK(embedding.Vector.Span, candidates, topK);
        if (best.Count == 0)
        {
            return [];
        }

        var texts = await Db.HashGetAsync(ChunksKey(collection.Id), best.Select(hit => (RedisValue)hit.Id).ToArray());
        return best.Select((hit, i) => AgentJson.Deserialize<StoredChunk>(texts[i]) is { } chunk
                ? new SearchHit(hit.Id, chunk.DocumentId, chunk.Title, chunk.Text, hit.Score)
                : null)
            .OfType<SearchHit>().ToList();
    }
}
