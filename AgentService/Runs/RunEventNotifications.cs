using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Platform.AgentService.Runs;

/// <summary>
/// Wakes this replica's event streams when their run gets new events: every event write publishes on the channel
/// named like the run's stream (<see cref="RunStore"/>), and the replica holds one subscription per run that has
/// listeners here, on the multiplexer's one subscriber connection. A listener costs one SUBSCRIBE when the first
/// opens and one UNSUBSCRIBE when the last closes; while nothing happens, nothing is sent to Redis.
/// </summary>
public sealed class RunEventNotifications
{
    private readonly IConnectionMultiplexer _redis;
    private readonly ConcurrentDictionary<string, Subscription> _subscriptions = new();
    private readonly Lock _lock = new();

    public RunEventNotifications(IConnectionMultiplexer redis, IMeterFactory meters)
    {
        _redis = redis;
        meters.Create(AgentTelemetry.Name).CreateObservableGauge("platform.agents.event_streams", () => Listeners,
            description: "Event streams (and waiting requests) this replica holds open with pushed delivery.");
        // Messages published while the connection was down are lost: every listener reads once to catch up.
        _redis.ConnectionRestored += (_, _) =>
        {
            foreach (var subscription in _subscriptions.Values)
            {
                subscription.SignalAll();
            }
        };
    }

    /// <summary>Subscribed listeners across all runs on this replica.</summary>
    public int Listeners => _subscriptions.Values.Sum(subscription => subscription.Count);

    /// <summary>Starts listening; once this returns, every later event of the run wakes the listener.</summary>
    public async Task<RunEventListener> ListenAsync(string runId)
    {
        Subscription subscription;
        var listener = new RunEventListener(this, runId);
        lock (_lock)
        {
            subscription = _subscriptions.GetOrAdd(runId, id => new Subscription(_redis.GetSubscriber(), RedisChannel.Literal((string)RunStore.EventsKey(id)!)));
            subscription.Add(listener);
        }

        try
        {
            await subscription.Subscribed;
        }
        catch
        {
            // Redis refused or was unreachable: forget the failed subscription so the next stream tries again.
            listener.Dispose();
            throw;
        }

        return listener;
    }

    internal void Remove(RunEventListener listener)
    {
        lock (_lock)
        {
            if (_subscriptions.TryGetValue(listener.RunId, out var subscription) && subscription.Remove(listener))
            {
                _subscriptions.TryRemove(listener.RunId, out _);
                subscription.Unsubscribe();
            }
        }
    }

    /// <summary>One run's channel on this replica and the listeners it wakes.</summary>
    private sealed class Subscription
    {
        private readonly ISubscriber _subscriber;
        private readonly RedisChannel _channel;
        private readonly Action<RedisChannel, RedisValue> _handler;
        private readonly HashSet<RunEventListener> _listeners = [];

        public Subscription(ISubscriber subscriber, RedisChannel channel)
        {
            _subscriber = subscriber;
            _channel = channel;
            _handler = (_, _) => SignalAll();
            Subscribed = subscriber.SubscribeAsync(channel, _handler);
        }

        public Task Subscribed { get; }

        public int Count
        {
            get
            {
                lock (_listeners)
                {
                    return _listeners.Count;
                }
            }
        }

        public void Add(RunEventListener listener)
        {
            lock (_listeners)
            {
                _listeners.Add(listener);
            }
        }

        /// <summary>Returns true when it was the last listener.</summary>
        public bool Remove(RunEventListener listener)
        {
            lock (_listeners)
            {
                _listeners.Remove(listener);
                return _listeners.Count == 0;
            }
        }

        public void SignalAll()
        {
            RunEventListener[] listeners;
            lock (_listeners)
            {
                listeners = [.. _listeners];
            }

            foreach (var listener in listeners)
            {
                listener.Signal();
            }
        }

        public void Unsubscribe() => _ = _subscriber.UnsubscribeAsync(_channel, _handler, CommandFlags.FireAndForget);
    }
}

/// <summary>One open event stream's wake-up signal; disposing it stops listening.</summary>
public sealed class RunEventListener(RunEventNotifications owner, string runId) : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public string RunId { get; } = runId;

    internal void Signal()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one read will find every event written since.
        }
        catch (ObjectDisposedException)
        {
            // The stream closed meanwhile.
        }
    }

    /// <summary>Waits for new events; false when <paramref name="timeout"/> passed without any.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);

    public void Dispose()
    {
        owner.Remove(this);
        _signal.Dispose();
    }
}
