namespace Platform.AgentService.Knowledge;

/// <summary>A knowledge collection owned by one client: chunks of its documents with their embeddings.</summary>
public sealed record KnowledgeCollection
{
    public required string Id { get; init; }
    public required string Owner { get; init; }
    public required string Name { get; init; }
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
}

public sealed record CollectionRequest(string? Name);

public sealed record DocumentRequest(string? Text, string? Title);

public sealed record SearchRequest(string? Query, int? TopK);

public sealed record CollectionView(string Id, string Object, string Name, long Chunks, long CreatedAt);

public sealed record DocumentView(string Id, string Object, string CollectionId, int Chunks);

public sealed record SearchHit(string ChunkId, string DocumentId, string? Title, string Text, float Score);

public sealed record StoredChunk(string DocumentId, string? Title, string Text);
