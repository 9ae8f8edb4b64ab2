using System.Globalization;
using System.Text;
using StackExchange.Redis;

namespace Platform.Recovery.Tests.Support;

/// <summary>
/// Every key of a Redis as text: its type, its whole value (strings, hashes, lists, sets, sorted sets with scores,
/// streams with their entries and consumer groups, pending entries included) and its absolute expiry
/// (<c>PEXPIRETIME</c>, which an RDB keeps). Two captures are equal exactly when the data is.
/// </summary>
public static class RedisDataset
{
    /// <summary>Keys a restore may reset (the gateway's rate-limit windows).</summary>
    public static bool MayReset(string key) => key.StartsWith("platform:gateway:ratelimit:", StringComparison.Ordinal);

    public static async Task<SortedDictionary<string, string>> CaptureAsync(string connectionString)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(connectionString + ",allowAdmin=true");
        var server = connection.GetServers().Single();
        var database = connection.GetDatabase();
        var records = new SortedDictionary<string, string>(StringComparer.Ordinal);
        await foreach (var key in server.KeysAsync(pattern: "*", pageSize: 1000))
        {
            var name = key.ToString();
            if (!MayReset(name))
            {
                records[name] = await DescribeAsync(database, key);
            }
        }

        return records;
    }

    private static async Task<string> DescribeAsync(IDatabase database, RedisKey key)
    {
        var text = new StringBuilder();
        var type = await database.KeyTypeAsync(key);
        text.Append(type).Append(" expires=").Append(await database.ExecuteAsync("PEXPIRETIME", key)).Append('\n');
        switch (type)
        {
            case RedisType.String:
                text.Append(Base64(await database.StringGetAsync(key)));
                break;
            case RedisType.Hash:
                foreach (var entry in (await database.HashGetAllAsync(key)).OrderBy(entry => Base64(entry.Name), StringComparer.Ordinal))
                {
                    text.Append(Base64(entry.Name)).Append('=').Append(Base64(entry.Value)).Append('\n');
                }

                break;
            case RedisType.List:
                foreach (var item in await database.ListRangeAsync(key))
                {
                    text.Append(Base64(item)).Append('\n');
                }

                break;
            case RedisType.Set:
                foreach (var member in (await database.SetMembersAsync(key)).Select(Base64).Order(StringComparer.Ordinal))
                {
                    text.Append(member).Append('\n');
                }

                break;
            case RedisType.SortedSet:
                foreach (var entry in await database.SortedSetRangeByRankWithScoresAsync(key))
                {
                    text.Append(Base64(entry.Element)).Append(' ').Append(entry.Score.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
                }

                break;
            case RedisType.Stream:
                await DescribeStreamAsync(database, key, text);
                break;
            default:
                text.Append("(unexpected type)");
                break;
        }

        return text.ToString();
    }

    private static async Task DescribeStreamAsync(IDatabase database, RedisKey key, StringBuilder text)
    {
        foreach (var entry in await database.StreamRangeAsync(key))
        {
            text.Append(entry.Id).Append(':');
            foreach (var field in entry.Values)
            {
                text.Append(' ').Append(Base64(field.Name)).Append('=').Append(Base64(field.Value));
            }

            text.Append('\n');
        }

        var info = await database.StreamInfoAsync(key);
        text.Append("last-generated=").Append(info.LastGeneratedId).Append('\n');
        foreach (var group in (await database.StreamGroupInfoAsync(key)).OrderBy(group => group.Name, StringComparer.Ordinal))
        {
            text.Append("group ").Append(group.Name).Append(" last-delivered=").Append(group.LastDeliveredId)
                .Append(" pending=").Append(group.PendingMessageCount).Append('\n');
            if (group.PendingMessageCount > 0)
            {
                foreach (var pending in await database.StreamPendingMessagesAsync(key, group.Name, group.PendingMessageCount, RedisValue.Null))
                {
                    text.Append("  pending ").Append(pending.MessageId).Append(' ').Append(pending.ConsumerName)
                        .Append(" deliveries=").Append(pending.DeliveryCount).Append('\n');
                }
            }
        }
    }

    private static string Base64(RedisValue value) => value.IsNull ? "(nil)" : Convert.ToBase64String((byte[])value!);

    /// <summary>
    /// The keys whose records differ, are missing or are new, with the first lines of each side. A key missing after
    /// the restore whose expiry had passed by then expired, as it would have without a restore: it is not a difference.
    /// </summary>
    public static IReadOnlyList<string> Differences(IReadOnlyDictionary<string, string> expected, IReadOnlyDictionary<string, string> actual, DateTimeOffset? capturedAt = null) =>
        [.. expected.Keys.Union(actual.Keys).Order(StringComparer.Ordinal)
            .Where(key => !expected.TryGetValue(key, out var before) || !actual.TryGetValue(key, out var after) || before != after)
            .Where(key => !(capturedAt is { } at && !actual.ContainsKey(key) && ExpiredBy(expected[key], at)))
            .Select(key => $"{key}: before {Head(expected.GetValueOrDefault(key))} after {Head(actual.GetValueOrDefault(key))}")];

    private static bool ExpiredBy(string record, DateTimeOffset at)
    {
        var expires = long.Parse(record[(record.IndexOf("expires=", StringComparison.Ordinal) + "expires=".Length)..record.IndexOf('\n', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
        return expires > 0 && expires <= at.ToUnixTimeMilliseconds();
    }

    private static string Head(string? record) => record is null ? "(missing)" : record.Length > 200 ? record[..200] + "..." : record;
}
