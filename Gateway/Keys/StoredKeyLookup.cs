using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Platform.Gateway.Authentication;
using StackExchange.Redis;

namespace Platform.Gateway.Keys;

/// <summary>
/// Authenticates keys issued through the admin API: one Redis read per key per
/// <see cref="KeyManagementOptions.CacheDuration"/>, and none in between unless <see cref="KeyChanges"/> says the key
/// changed. Expiry is checked on every request against the cached record, so a key stops at its expiry exactly.
/// When Redis cannot be read, a key read before keeps working (a revocation needs Redis too); an unknown one is
/// answered 503, not 401, because the key may well be valid.
/// </summary>
public sealed class StoredKeyLookup(ApiKeyRecords records, IOptions<KeyManagementOptions> options, TimeProvider clock, ILogger<StoredKeyLookup> logger)
{
    /// <summary>Entries whose period ended are swept once more than this many are held.</summary>
    private const int EntriesKeptWithoutSweep = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _cache = new(StringComparer.Ordinal);

    /// <summary>The result for a key issued through the admin API, or null when no such key exists.</summary>
    public async ValueTask<AuthenticateResult?> FindAsync(string presentedKey)
    {
        var sha256 = ApiKeyHash.HexOf(presentedKey);
        var now = clock.GetUtcNow();
        _cache.TryGetValue(sha256, out var cached);
        if (cached is not null && cached.FreshUntil > now)
        {
            return cached.DecideAt(now);
        }

        ApiKeyRecord? record;
        try
        {
            record = await records.FindBySha256Async(sha256).WaitAsync(options.Value.RedisTimeout, clock);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            if (cached is not null)
            {
                return cached.DecideAt(now);
            }

            logger.LogWarning(exception, "Could not read API keys from Redis.");
            return AuthenticateResult.Fail(new KeyStoreUnavailableException());
        }

        if (record is null)
        {
            _cache.TryRemove(sha256, out _);
            return null;
        }

        var entry = new Entry(record, now + options.Value.CacheDuration);
        _cache[sha256] = entry;
        SweepIfLarge(now);
        return entry.DecideAt(now);
    }

    public void Forget(string sha256) => _cache.TryRemove(sha256, out _);

    public void ForgetAll() => _cache.Clear();

    private void SweepIfLarge(DateTimeOffset now)
    {
        if (_cache.Count <= EntriesKeptWithoutSweep)
        {
            return;
        }

        foreach (var (sha256, entry) in _cache)
        {
            if (entry.FreshUntil <= now)
            {
                _cache.TryRemove(new KeyValuePair<string, Entry>(sha256, entry));
            }
        }
    }

    private sealed class Entry(ApiKeyRecord record, DateTimeOffset freshUntil)
    {
        private readonly AuthenticateResult _authenticated =
            ApiKeyAuthenticationHandler.AuthenticatedAs(record.Tenant, record.Scopes, record.Id).Result;

        public DateTimeOffset FreshUntil { get; } = freshUntil;

        public AuthenticateResult DecideAt(DateTimeOffset now) => record.StatusAt(now) switch
        {
            ApiKeyStatus.Revoked => AuthenticateResult.Fail("This API key has been revoked."),
            ApiKeyStatus.Expired => AuthenticateResult.Fail(
                $"This API key expired at {record.ExpiresAt!.Value.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}."),
            _ => _authenticated,
        };
    }
}

/// <summary>The key store could not be read: answered 503, since the presented key may be valid.</summary>
public sealed class KeyStoreUnavailableException()
    : Exception("API keys cannot be checked right now because the key store is unreachable. Try again shortly.");
