using Platform.ModelService.Embeddings;

namespace Platform.ModelService.Tests;

public sealed class BatchPlannerTests
{
    private static List<int> Plan(BatchPlanner planner, params int[] lengths)
    {
        var chosen = new List<int>();
        planner.Plan(lengths, chosen);
        return chosen;
    }

    [Fact]
    public void Short_queries_are_not_batched_with_long_chunks()
    {
        var planner = new BatchPlanner(maxBatchSize: 32, maxBatchTokens: 8192, lengthGroupFactor: 2);

        Assert.Equal([0, 2, 4], Plan(planner, 12, 230, 9, 180, 20));
        Assert.Equal([0, 1, 3], Plan(planner, 230, 180, 12, 250, 9));
    }

    [Fact]
    public void The_oldest_input_always_runs_first_even_when_others_would_group_better()
    {
        var planner = new BatchPlanner(maxBatchSize: 32, maxBatchTokens: 8192, lengthGroupFactor: 2);

        Assert.Equal(0, Plan(planner, 250, 10, 10, 10, 10)[0]);
    }

    [Fact]
    public void A_batch_keeps_to_the_token_budget_counting_padding()
    {
        var planner = new BatchPlanner(maxBatchSize: 32, maxBatchTokens: 1000, lengthGroupFactor: 2);

        // 4 x 200 = 800 fits; the 250 would make 5 x 250 = 1250 and waits; the last 200 makes exactly 5 x 200 = 1000.
        Assert.Equal([0, 1, 2, 3, 5], Plan(planner, 200, 200, 150, 200, 250, 200));
    }

    [Fact]
    public void A_batch_keeps_to_the_input_limit()
    {
        var planner = new BatchPlanner(maxBatchSize: 3, maxBatchTokens: 8192, lengthGroupFactor: 2);

        Assert.Equal([0, 1, 2], Plan(planner, 10, 10, 10, 10));
    }

    [Fact]
    public void Short_inputs_run_together_despite_a_large_length_ratio_within_the_slack()
    {
        var planner = new BatchPlanner(maxBatchSize: 32, maxBatchTokens: 8192, lengthGroupFactor: 2);

        Assert.Equal([0, 1, 2], Plan(planner, 5, 26, 12)); // 26 <= 2 x 5 + 16
    }

    [Fact]
    public void A_large_factor_and_budget_give_count_based_batches()
    {
        var planner = new BatchPlanner(maxBatchSize: 4, maxBatchTokens: 1_048_576, lengthGroupFactor: 1000);

        Assert.Equal([0, 1, 2, 3], Plan(planner, 10, 250, 9, 200, 12));
    }

    [Fact]
    public void An_empty_queue_plans_no_batch()
    {
        Assert.Empty(Plan(new BatchPlanner(32, 8192, 2)));
    }
}
