using Platform.Gateway.RateLimiting;

namespace Platform.Gateway.UnitTests;

public sealed class ReservationSizeTests
{
    [Theory]
    [InlineData(600, 12)]
    [InlineData(10_000, 100)]
    [InlineData(49, 1)]
    [InlineData(1, 1)]
    public void A_replica_reserves_its_share_of_the_limit_between_one_and_the_maximum(int limit, int expected)
    {
        var options = new RateLimitOptions { ReservationShare = 0.02, MaxReservation = 100 };

        Assert.Equal(expected, options.ReservationSizeFor(limit));
    }

    [Fact]
    public void A_maximum_of_one_counts_every_request_in_redis()
    {
        var options = new RateLimitOptions { ReservationShare = 0.5, MaxReservation = 1 };

        Assert.Equal(1, options.ReservationSizeFor(1_000));
    }

    [Fact]
    public void Client_overrides_replace_the_default_limits()
    {
        var options = new RateLimitOptions
        {
            RequestsPerMinute = 600,
            ConcurrentStreams = 10,
            Clients = new(StringComparer.Ordinal) { ["batch"] = new ClientRateLimits { RequestsPerMinute = 6_000 } },
        };

        Assert.Equal(6_000, options.RequestsPerMinuteFor("batch"));
        Assert.Equal(10, options.ConcurrentStreamsFor("batch"));
        Assert.Equal(600, options.RequestsPerMinuteFor("other"));
    }
}
