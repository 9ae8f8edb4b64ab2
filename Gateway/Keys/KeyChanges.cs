using Platform.ServiceDefaults.Tenancy;
using StackExchange.Redis;

namespace Platform.Gateway.Keys;

/// <summary>
/// Tells every gateway replica, over Redis pub/sub, that a key (by its SHA-256) or a tenant's quotas changed, so each
/// forgets what it cached at once instead of at the end of <see cref="KeyManagementOptions.CacheDuration"/>. Pub/sub
/// delivers at most once: a replica disconnected at that moment forgets everything when it reconnects, and one that
/// somehow missed a message still re-reads the key within the cache period.
/// </summary>
public sealed class KeyChanges(IConnectionMultiplexer redis, StoredKeyLookup lookup, TenantQuotaOverrides quotas, ILogger<KeyChanges> logger)
    : IHostedService
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("platform:gateway:keys:changes");
    private const string KeyMessage = "key:";
    private const string TenantMessage = "tenant:";

    private int _subscribed;

    public Task KeyChangedAsync(string sha256)
    {
        lookup.Forget(sha256);
        return PublishAsync(KeyMessage + sha256);
    }

    public Task TenantChangedAsync(string tenant)
    {
        quotas.Invalidate(tenant);
        return PublishAsync(TenantMessage + tenant);
    }

    // The change is already stored: a lost announcement only delays it to the end of the other replicas' cache period.
    private async Task PublishAsync(string message)
    {
        try
        {
            await redis.GetSubscriber().PublishAsync(Channel, message);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            logger.LogWarning(exception, "Could not announce a key change; other replicas apply it when their cache period ends.");
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionRestored += OnConnectionRestored;
        await SubscribeAsync();
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionRestored -= OnConnectionRestored;
        return Task.CompletedTask;
    }

    // Once subscribed, the multiplexer subscribes again by itself after every reconnect.
    private async Task SubscribeAsync()
    {
        if (Interlocked.Exchange(ref _subscribed, 1) == 1)
        {
            return;
        }

        try
        {
            await redis.GetSubscriber().SubscribeAsync(Channel, (_, message) => Apply(message.ToString()));
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            Volatile.Write(ref _subscribed, 0);
            logger.LogWarning(exception, "Could not subscribe to key changes; until Redis answers, replicas re-read keys at the end of their cache period.");
        }
    }

    private void Apply(string message)
    {
        if (message.StartsWith(KeyMessage, StringComparison.Ordinal))
        {
            lookup.Forget(message[KeyMessage.Length..]);
        }
        else if (message.StartsWith(TenantMessage, StringComparison.Ordinal))
        {
            quotas.Invalidate(message[TenantMessage.Length..]);
        }
    }

    // Messages published while this replica was disconnected are lost: forget every cached key instead.
    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        lookup.ForgetAll();
        _ = SubscribeAsync();
    }
}
