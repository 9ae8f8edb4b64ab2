using StackExchange.Redis;

namespace Platform.Gateway.RateLimiting;

/// <summary>
/// One open stream's slot. A shared lease is renewed in Redis while the stream lasts, so a replica that dies
/// mid-stream leaks its slots only until the lease runs out.
/// </summary>
public sealed class StreamLease : IAsyncDisposable
{
    private readonly Func<Task> _release;
    private readonly CancellationTokenSource _stopRenewing = new();
    private readonly Task _renewing;

    private StreamLease(Func<Task> release, Func<CancellationToken, Task>? renew)
    {
        _release = release;
        _renewing = renew is null ? Task.CompletedTask : renew(_stopRenewing.Token);
    }

    internal static StreamLease Local(LocalRateLimitStore store, string clientId) =>
        new(() =>
        {
            store.ReleaseStream(clientId);
            return Task.CompletedTask;
        }, null);

    internal static StreamLease Shared(RedisRateLimitStore store, string clientId, string leaseId, TimeSpan lease, TimeProvider time, ILogger logger) =>
        new(() => store.ReleaseStreamAsync(clientId, leaseId), async stop =>
        {
            using var timer = new PeriodicTimer(lease / 3, time);
            try
            {
                while (await timer.WaitForNextTickAsync(stop))
                {
                    try
                    {
                        await store.RenewStreamAsync(clientId, leaseId, lease);
                    }
                    catch (Exception exception) when (exception is RedisException or TimeoutException)
                    {
                        logger.LogDebug(exception, "Could not renew a stream lease; it expires on its own.");
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        });

    public async ValueTask DisposeAsync()
    {
        await _stopRenewing.CancelAsync();
        await _renewing;
        _stopRenewing.Dispose();
        try
        {
            await _release();
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            // The lease expires in Redis by itself.
        }
    }
}
