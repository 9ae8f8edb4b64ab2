using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Platform.AgentService.Models;
using Platform.AgentService.Quotas;
using Platform.ServiceDefaults.Tenancy;

namespace Platform.AgentService.Knowledge;

/// <summary>
/// Collections in Redis: <c>kc:{id}</c> (the record), <c>kc:{id}:chunks</c> (chunk id -> text) and
/// <c>kc:{id}:vectors</c> (document id -> the float32 embeddings of its chunks, see <see cref="VectorBlobs"/>). Embeddings come from the models service.
/// Collections and documents count against their owner's quotas (<see cref="DocumentReservations"/>).
/// </summary>
public sealed class KnowledgeStore(IConnectionMultiplexer redis, ModelClients models, VectorCache cache, TimeProvider clock, IOptions<KnowledgeOptions> options)
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

    /// <summary>Stores a new collection; throws <see cref="QuotaExceededException"/> (nothing written) over a quota.</summary>
    public async Task SaveAsync(KnowledgeCollection collection, TenantLimitSet limits)
    {
        var put = new LedgerWrites.Put(collection.Owner, TenantQuota.Collections, collection.Id, Key(collection.Id), AgentJson.Serialize(collection), limits.Collections, limits.StoredBytes)
        {
            Owned = OwnedKey(collection.Owner),
        };
        if (await LedgerWrites.PutAsync(Db, put, clock.GetUtcNow()) is { } refused)
        {
            throw QuotaExceededException.For(refused, limits);
        }
    }

    public Task DeleteAsync(KnowledgeCollection collection) =>
        Db.ScriptEvaluateAsync(DocumentReservations.DeleteCollectionScript,
            [.. TenantLedger.Keys(collection.Owner), Key(collection.Id), ChunksKey(collection.Id), VectorsKey(collection.Id),
                KnowledgeKeys.Version(collection.Id), KnowledgeKeys.Pending(collection.Id), OwnedKey(collection.Owner)],
            [collection.Id]);

    public IReadOnlyList<string> Chunk(string text) =>
        TextChunker.Split(text, options.Value.ChunkTokens, Math.Min(options.Value.ChunkOverlapTokens, options.Value.ChunkTokens - 1));

    /// <summary>
    /// Reserves room for the document's chunks, embeds them, and stores them; returns the document id. Throws
    /// <see cref="QuotaExceededException"/> or <see cref="InvalidRequestException"/> (413, the chunk cap) before any
    /// embedding when the document does not fit; nothing is written then.
    /// </summary>
    public async Task<string> AddDocumentAsync(KnowledgeCollection collection, IReadOnlyList<string> chunks, string? title, TenantLimitSet limits, CancellationToken cancellationToken)
    {
        var documentId = Ids.New("doc");
        var member = DocumentReservations.Member(documentId);
        var pending = DocumentReservations.PendingMember(documentId, chunks.Count);
        var texts = chunks.Select((text, i) => new HashEntry($"{documentId}:{i}", AgentJson.Serialize(new StoredChunk(documentId, title, text)))).ToArray();
        var textBytes = texts.Sum(entry => System.Text.Encoding.UTF8.GetByteCount((string)entry.Value!));
        var now = clock.GetUtcNow();
        var settings = options.Value;
        var refused = (string?)await Db.ScriptEvaluateAsync(DocumentReservations.ReserveScript,
            [.. TenantLedger.Keys(collection.Owner), Key(collection.Id), ChunksKey(collection.Id), KnowledgeKeys.Pending(collection.Id)],
            [now.ToUnixTimeMilliseconds(), member, textBytes + (long)chunks.Count * DocumentReservations.EstimatedVectorBytes, limits.Documents,
                limits.StoredBytes, settings.MaxChunksPerCollection, chunks.Count, (now + settings.ReservationTimeout).ToUnixTimeMilliseconds(), pending]);
        switch (refused)
        {
            case "chunks":
                throw new InvalidRequestException(
                    $"The collection would exceed {settings.MaxChunksPerCollection} chunks, the size up to which search stays exact and fast.",
                    "text", StatusCodes.Status413PayloadTooLarge, "collection_full");
            case "gone":
                throw new InvalidRequestException($"No knowledge collection found with id '{collection.Id}'.", null, StatusCodes.Status404NotFound);
            case { Length: > 0 } quota:
                throw QuotaExceededException.For(quota, limits);
        }

        byte[] blob;
        try
        {
            blob = await EmbedAsync(chunks, cancellationToken);
        }
        catch
        {
            await Db.ScriptEvaluateAsync(DocumentReservations.ReleaseScript,
                [.. TenantLedger.Keys(collection.Owner), KnowledgeKeys.Pending(collection.Id)], [member, pending]);
            throw;
        }

        RedisValue[] args = [member, textBytes + blob.Length, pending, documentId, blob, .. texts.SelectMany(entry => new[] { entry.Name, entry.Value })];
        var committed = (long)await Db.ScriptEvaluateAsync(DocumentReservations.CommitScript,
            [.. TenantLedger.Keys(collection.Owner), Key(collection.Id), ChunksKey(collection.Id), VectorsKey(collection.Id),
                KnowledgeKeys.Version(collection.Id), KnowledgeKeys.Pending(collection.Id)], args);
        if (committed == 0)
        {
            throw new InvalidRequestException("The collection was deleted, or the upload outlasted its reservation, while the document was embedded; nothing was stored.",
                null, StatusCodes.Status409Conflict, "upload_abandoned");
        }

        return documentId;
    }

    private async Task<byte[]> EmbedAsync(IReadOnlyList<string> chunks, CancellationToken cancellationToken)
    {
        var vectors = new List<ReadOnlyMemory<float>>(chunks.Count);
        var batchSize = options.Value.EmbeddingBatchSize;
        for (var offset = 0; offset < chunks.Count; offset += batchSize)
        {
            var embeddings = await models.Embeddings.GenerateAsync(chunks.Skip(offset).Take(batchSize), cancellationToken: cancellationToken);
            vectors.AddRange(embeddings.Select(embedding => embedding.Vector));
        }

        return VectorBlobs.Pack(vectors);
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
