namespace Platform.AgentService.Responses;

/// <summary>Responses in Redis: <c>response:{id}</c>, the record only, kept as long as its run.</summary>
public sealed class ResponseStore(IConnectionMultiplexer redis)
{
    private IDatabase Db => redis.GetDatabase();

    private static RedisKey Key(string id) => $"response:{id}";

    public Task SaveAsync(ResponseRecord response, TimeSpan keepFor) => Db.StringSetAsync(Key(response.Id), AgentJson.Serialize(response), keepFor);

    public async Task<ResponseRecord?> FindAsync(string id, string caller)
    {
        var response = AgentJson.Deserialize<ResponseRecord>(await Db.StringGetAsync(Key(id)));
        return response?.Owner == caller ? response : null;
    }

    public Task DeleteAsync(string id) => Db.KeyDeleteAsync(Key(id));
}
