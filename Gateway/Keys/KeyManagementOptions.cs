using System.ComponentModel.DataAnnotations;

namespace Platform.Gateway.Keys;

/// <summary>Keys issued through the admin API and kept in Redis (section <c>KeyManagement</c>).</summary>
public sealed class KeyManagementOptions
{
    public const string Section = "KeyManagement";

    /// <summary>
    /// How long a replica trusts what it read about a key before reading it again. Revocations, expiries and
    /// rotations are also announced to every replica over Redis pub/sub, which forgets the key at once; this period
    /// bounds how long a replica that missed the announcement (a dropped connection) still accepts the old key.
    /// Default 10 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest wait for Redis when a key is looked up or changed. Default 1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:30")]
    public TimeSpan RedisTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Keys one tenant may hold (revoked and expired ones included until deleted). Default 100.</summary>
    [Range(1, 100_000)]
    public int MaxKeysPerTenant { get; set; } = 100;

    /// <summary>Keys kept in Redis in all (revoked and expired ones included). Default 100,000.</summary>
    [Range(1, 10_000_000)]
    public int MaxKeys { get; set; } = 100_000;
}
