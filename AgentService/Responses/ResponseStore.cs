namespace Platform.AgentService.Responses;

/// <summary>Responses in Redis: <c>response:{id}</c>, the record only, kept as long as its run.</summary>
public sealed partial class ResponseStore(IConnectionMultiplexer redis)
{
    /// <summary>The ids this service makes (<see cref="Ids.New"/>); anything else cannot name a response and is not looked up.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("^resp_[0-9a-f]{32}$")]
    private static partial System.Text.RegularExpressions.Regex IdPattern();

    private IDatabase Db => redis.GetDatabase();

    private static RedisKey Key(string id) => $"response:{id}";

    public Task SaveAsync(ResponseRecord response, TimeSpan keepFor) => Db.StringSetAsync(Key(response.Id), AgentJson.Serialize(response), keepFor);

    public async Task<ResponseRecord?> FindAsync(string id, string caller)
    {
        if (!IdPattern().IsMatch(id))
        {
            return null;
        }

        var response = AgentJson.Deserialize<ResponseRecord>(await Db.StringGetAsync(Key(id)));
        return response?.Owner == caller ? response : null;
    }

    public Task DeleteAsync(string id) => Db.KeyDeleteAsync(Key(id));
}
