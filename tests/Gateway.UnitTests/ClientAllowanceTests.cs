using Platform.Gateway.RateLimiting;

namespace Platform.Gateway.UnitTests;

/// <summary>The arithmetic of the share of a client's window that one replica holds (ADR 0014).</summary>
public sealed class ClientAllowanceTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_fresh_allowance_asks_redis_first()
    {
        var allowance = new ClientAllowance();

        Assert.Null(allowance.TryDecide(10, Now));
    }

    [Fact]
    public void Reserved_requests_are_spent_one_by_one_and_remaining_counts_the_whole_window()
    {
        var allowance = new ClientAllowance();
        // 3 granted; the window now counts 5 of 10, so 5 are left to other replicas plus the 3 held here.
        allowance.Apply(10, new Reservation(3, 5, TimeSpan.FromSeconds(30)), Now);

        var decisions = Enumerable.Range(0, 3).Select(_ => allowance.TryDecide(10, Now)).ToList();

        Assert.All(decisions, decision => Assert.True(decision?.Allowed));
        Assert.Equal([7, 6, 5], decisions.Select(decision => decision!.Value.Remaining));
        Assert.Equal(TimeSpan.FromSeconds(30), decisions[0]!.Value.ResetAfter);
        Assert.Null(allowance.TryDecide(10, Now));
    }

    [Fact]
    public void A_used_up_window_is_refused_locally_until_it_resets()
    {
        var allowance = new ClientAllowance();
        allowance.Apply(10, new Reservation(0, 10, TimeSpan.FromSeconds(20)), Now);

        var refused = allowance.TryDecide(10, Now.AddSeconds(5));
        var afterReset = allowance.TryDecide(10, Now.AddSeconds(20));

        Assert.Equal(new RequestDecision(false, 10, 0, TimeSpan.FromSeconds(15)), refused);
        Assert.Null(afterReset);
    }

    [Fact]
    public void A_changed_limit_asks_redis_again()
    {
        var allowance = new ClientAllowance();
        allowance.Apply(10, new Reservation(5, 5, TimeSpan.FromSeconds(30)), Now);

        Assert.Null(allowance.TryDecide(20, Now));
    }

    [Fact]
    public void A_new_reservation_replaces_what_was_left_of_the_old_one()
    {
        var allowance = new ClientAllowance();
        allowance.Apply(10, new Reservation(5, 5, TimeSpan.FromSeconds(30)), Now);
        allowance.Apply(10, new Reservation(1, 9, TimeSpan.FromSeconds(10)), Now);

        Assert.Equal(new RequestDecision(true, 10, 1, TimeSpan.FromSeconds(10)), allowance.TryDecide(10, Now));
        Assert.Null(allowance.TryDecide(10, Now));
    }

    [Fact]
    public void Remaining_never_counts_more_than_the_limit_left_in_redis()
    {
        var allowance = new ClientAllowance();
        // The window may count past the limit (other replicas raced); nothing is left to them then.
        allowance.Apply(10, new Reservation(1, 12, TimeSpan.FromSeconds(30)), Now);

        Assert.Equal(0, allowance.TryDecide(10, Now)!.Value.Remaining);
    }
}
