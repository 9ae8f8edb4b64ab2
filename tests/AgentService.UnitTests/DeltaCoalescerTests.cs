using Platform.AgentService.Runs;

namespace Platform.AgentService.UnitTests;

public sealed class DeltaCoalescerTests
{
    private static TimeSpan Ms(int milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    [Fact]
    public void Pieces_within_the_interval_are_held_and_merged_into_one_delta()
    {
        var coalescer = new DeltaCoalescer(Ms(50), maxChars: 100);

        Assert.False(coalescer.Add(new Delta("Hel"), Ms(0)));
        Assert.False(coalescer.Add(new Delta("lo"), Ms(10)));
        Assert.False(coalescer.IsDue(Ms(49)));
        Assert.True(coalescer.IsDue(Ms(50)));

        Assert.Equal([new Delta("Hello")], coalescer.Take());
        Assert.True(coalescer.IsEmpty);
        Assert.False(coalescer.IsDue(Ms(1000)));
    }

    [Fact]
    public void A_piece_arriving_after_the_interval_makes_the_held_text_due()
    {
        var coalescer = new DeltaCoalescer(Ms(50), maxChars: 100);

        coalescer.Add(new Delta("a"), Ms(0));

        Assert.True(coalescer.Add(new Delta("b"), Ms(60)));
        Assert.Equal("ab", coalescer.Take().Single().Text);
    }

    [Fact]
    public void Reaching_the_size_limit_makes_the_held_text_due_at_once()
    {
        var coalescer = new DeltaCoalescer(Ms(10_000), maxChars: 5);

        Assert.False(coalescer.Add(new Delta("abc"), Ms(0)));
        Assert.True(coalescer.Add(new Delta("de"), Ms(0)));
    }

    [Fact]
    public void The_interval_counts_from_the_oldest_held_piece_and_restarts_after_a_take()
    {
        var coalescer = new DeltaCoalescer(Ms(50), maxChars: 100);
        coalescer.Add(new Delta("a"), Ms(0));
        coalescer.Take();

        Assert.False(coalescer.Add(new Delta("b"), Ms(40)));
        Assert.False(coalescer.IsDue(Ms(80)));
        Assert.True(coalescer.IsDue(Ms(90)));
    }

    [Fact]
    public void Text_and_each_tool_call_stay_separate_deltas_in_the_order_they_came()
    {
        var coalescer = new DeltaCoalescer(Ms(50), maxChars: 1000);
        coalescer.Add(new Delta("Let me check. "), Ms(0));
        coalescer.Add(new Delta("{\"ci", 0, "call_a", "weather"), Ms(1));
        coalescer.Add(new Delta("ty\":1}", 0), Ms(2));
        coalescer.Add(new Delta("{}", 1, "call_b", "current_time"), Ms(3));

        Assert.Equal(
            [new Delta("Let me check. "), new Delta("{\"city\":1}", 0, "call_a", "weather"), new Delta("{}", 1, "call_b", "current_time")],
            coalescer.Take());
    }

    [Fact]
    public void An_interval_of_zero_writes_every_piece()
    {
        var coalescer = new DeltaCoalescer(TimeSpan.Zero, maxChars: 1000);

        Assert.True(coalescer.Add(new Delta("x"), Ms(0)));
    }
}
