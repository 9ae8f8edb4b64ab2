namespace Platform.AgentService.Knowledge;

/// <summary>Redis keys of a knowledge collection.</summary>
public static class KnowledgeKeys
{
    public static RedisKey Collection(string id) => $"kc:{id}";

    /// <summary>Chunk id (<c>{documentId}:{index}</c>) -> chunk text and title.</summary>
    public static RedisKey Chunks(string id) => $"kc:{id}:chunks";

    /// <summary>Document id -> the embeddings of its chunks (<see cref="VectorBlobs"/>).</summary>
    public static RedisKey Vectors(string id) => $"kc:{id}:vectors";

    /// <summary>Bumped on every change, so replicas know when their cached vectors are stale.</summary>
    public static RedisKey Version(string id) => $"kc:{id}:version";

    /// <summary>Uploads in progress: sorted set of <c>{documentId}|{chunks}</c> by the time their reservation lapses.</summary>
    public static RedisKey Pending(string id) => $"kc:{id}:pending";

    public static RedisKey Owned(string owner) => $"client:{owner}:knowledge";
}
