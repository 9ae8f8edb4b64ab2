using System.Collections.Concurrent;

namespace Platform.AgentService.Runs;

/// <summary>
/// Cooperative cancellation across replicas: a cancel request (<see cref="RunLifecycle.CancelAsync"/>) sets the run's
/// <c>cancel</c> flag and is published on channel <c>runs:cancel</c>; the replica running that run cancels its token.
/// The flag covers a missed message.
/// </summary>
public sealed class RunCancellations(IConnectionMultiplexer redis, RunStore runs)
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("runs:cancel");
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new();

    public Task SubscribeAsync() =>
        redis.GetSubscriber().SubscribeAsync(Channel, (_, runId) => Cancel(runId!));

    /// <summary>Links the run's token to cancel requests until disposed; cancels at once if one is already recorded.</summary>
    public async Task<IDisposable> RegisterAsync(string runId, CancellationTokenSource source)
    {
        _running[runId] = source;
        if (await runs.CancelReasonAsync(runId) is not null)
        {
            await source.CancelAsync();
        }

        return new Registration(() => _running.TryRemove(runId, out _));
    }

    private void Cancel(string runId)
    {
        if (_running.TryGetValue(runId, out var source))
        {
            try
            {
                source.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The run finished between lookup and cancel.
            }
        }
    }

    private sealed class Registration(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
