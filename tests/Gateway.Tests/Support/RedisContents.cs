using System.Text;
using StackExchange.Redis;

namespace Platform.Gateway.Tests.Support;

/// <summary>What a redis-server holds, for tests that prove a secret was never stored or that nothing was written.</summary>
public static class RedisContents
{
    /// <summary>Every key and every value in Redis, as one text to search.</summary>
    public static async Task<string> AllAsync(string connectionString)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(connectionString + ",allowAdmin=true");
        var database = redis.GetDatabase();
        var text = new StringBuilder();
        foreach (var key in redis.GetServer(redis.GetEndPoints()[0]).Keys(pattern: "*"))
        {
            text.Append(key).Append('\n');
            var type = await database.KeyTypeAsync(key);
            if (type == RedisType.Hash)
            {
                foreach (var entry in await database.HashGetAllAsync(key))
                {
                    text.Append(entry.Name).Append('=').Append(entry.Value).Append('\n');
                }
            }
            else if (type == RedisType.String)
            {
                text.Append(await database.StringGetAsync(key)).Append('\n');
            }
            else if (type == RedisType.Set)
            {
                text.AppendJoin('\n', await database.SetMembersAsync(key)).Append('\n');
            }
            else if (type == RedisType.SortedSet)
            {
                text.AppendJoin('\n', await database.SortedSetRangeByRankAsync(key)).Append('\n');
            }
        }

        return text.ToString();
    }
}
