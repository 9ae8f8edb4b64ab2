using Platform.Gateway.RateLimiting;

namespace Platform.Gateway.UnitTests;

/// <summary>The per-replica limiter used while Redis is unreachable.</summary>
public sealed class LocalRateLimitStoreTests
{
    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    [Fact]
    public void Requests_over_the_limit_are_refused_until_the_window_resets()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var store = new LocalRateLimitStore(clock);

        var first = store.CountRequest("client", 2, Window);
        var second = store.CountRequest("client", 2, Window);
        clock.Now += TimeSpan.FromSeconds(45);
        var third = store.CountRequest("client", 2, Window);
        clock.Now += TimeSpan.FromSeconds(15);
        var nextWindow = store.CountRequest("client", 2, Window);

        Assert.Equal(new RequestDecision(true, 2, 1, Window), first);
        Assert.Equal(new RequestDecision(true, 2, 0, Window), second);
        Assert.Equal(new RequestDecision(false, 2, 0, TimeSpan.FromSeconds(15)), third);
        Assert.Equal(new RequestDecision(true, 2, 1, Window), nextWindow);
    }

    [Fact]
    public void Clients_are_counted_apart()
    {
        var store = new LocalRateLimitStore(new ManualClock(DateTimeOffset.UnixEpoch));
        store.CountRequest("a", 1, Window);

        Assert.True(store.CountRequest("b", 1, Window).Allowed);
        Assert.False(store.CountRequest("a", 1, Window).Allowed);
    }

    [Fact]
    public void A_released_stream_frees_its_slot()
    {
        var store = new LocalRateLimitStore(TimeProvider.System);

        Assert.True(store.TryAcquireStream("client", 1));
        Assert.False(store.TryAcquireStream("client", 1));
        store.ReleaseStream("client");
        Assert.True(store.TryAcquireStream("client", 1));
    }
}
