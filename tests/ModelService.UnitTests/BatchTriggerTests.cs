using Platform.ModelService.Embeddings;

namespace Platform.ModelService.UnitTests;

/// <summary>When the embedding batcher runs a batch instead of waiting for more inputs.</summary>
public sealed class BatchTriggerTests
{
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(4);

    [Fact]
    public void At_first_only_a_full_batch_runs_at_once()
    {
        var trigger = new BatchTrigger(32, Delay);

        Assert.Equal(32, trigger.FullBatch);
        Assert.False(trigger.IsFull(31));
        Assert.True(trigger.IsFull(32));
    }

    [Fact]
    public void Once_every_recent_batch_was_small_that_many_inputs_run_at_once()
    {
        var trigger = new BatchTrigger(32, Delay);
        for (var i = 0; i < BatchTrigger.RecentBatches; i++)
        {
            trigger.Ran(4);
        }

        Assert.Equal(4, trigger.FullBatch);
        Assert.True(trigger.IsFull(4));
        Assert.False(trigger.IsFull(3));
    }

    [Fact]
    public void One_large_recent_batch_keeps_the_bar_at_its_size()
    {
        var trigger = new BatchTrigger(32, Delay);
        for (var i = 0; i < BatchTrigger.RecentBatches; i++)
        {
            trigger.Ran(i == 3 ? 20 : 2);
        }

        Assert.Equal(20, trigger.FullBatch);
    }

    [Fact]
    public void Batches_older_than_the_recent_ones_are_forgotten()
    {
        var trigger = new BatchTrigger(32, Delay);
        trigger.Ran(30);
        for (var i = 0; i < BatchTrigger.RecentBatches; i++)
        {
            trigger.Ran(5);
        }

        Assert.Equal(5, trigger.FullBatch);
    }

    [Fact]
    public void The_bar_never_exceeds_the_batch_size()
    {
        var trigger = new BatchTrigger(8, Delay);

        Assert.Equal(8, trigger.FullBatch);
        Assert.True(trigger.IsFull(100));
    }

    [Fact]
    public void The_oldest_input_waits_no_longer_than_the_queue_delay()
    {
        var trigger = new BatchTrigger(32, Delay);

        Assert.Equal(TimeSpan.FromMilliseconds(3), trigger.WaitLeft(TimeSpan.FromMilliseconds(1)));
        Assert.True(trigger.WaitLeft(Delay) <= TimeSpan.Zero);
        Assert.True(trigger.WaitLeft(TimeSpan.FromMilliseconds(10)) < TimeSpan.Zero);
    }
}
