using System.Diagnostics;
using Platform.ModelService.Embeddings;

namespace Platform.ModelService.UnitTests;

/// <summary>The order in which the embedding batcher offers queued inputs to a batch.</summary>
public sealed class FairOrderTests
{
    [Fact]
    public void Tenants_take_turns_starting_with_the_oldest_input()
    {
        var queue = Queue(("flooder", 4), ("quiet", 1), ("flooder", 2), ("other", 2));

        var ordered = Arrange(queue);

        Assert.Equal(["flooder", "quiet", "other", "flooder", "other", "flooder", "flooder", "flooder", "flooder"], ordered.Select(input => input.Job.Tenant));
    }

    [Fact]
    public void Each_tenant_keeps_the_age_order_of_its_inputs()
    {
        var queue = Queue(("a", 3), ("b", 1), ("a", 2));

        var ordered = Arrange(queue).Where(input => input.Job.Tenant == "a").ToList();

        Assert.Equal(queue.Where(input => input.Job.Tenant == "a"), ordered);
    }

    [Fact]
    public void One_tenant_alone_keeps_first_come_order()
    {
        var queue = Queue(("solo", 3), ("solo", 2));

        Assert.Equal(queue, Arrange(queue));
    }

    private static List<QueuedInput> Arrange(LinkedList<QueuedInput> queue)
    {
        var ordered = new List<LinkedListNode<QueuedInput>>();
        new FairOrder().Arrange(queue, ordered);
        return [.. ordered.Select(node => node.Value)];
    }

    private static LinkedList<QueuedInput> Queue(params (string Tenant, int Inputs)[] requests)
    {
        var queue = new LinkedList<QueuedInput>();
        foreach (var (tenant, inputs) in requests)
        {
            var job = new EmbeddingJob([.. Enumerable.Repeat(new long[] { 101, 102 }, inputs)], tenant, default(ActivityContext));
            for (var i = 0; i < inputs; i++)
            {
                queue.AddLast(new QueuedInput(job, i));
            }
        }

        return queue;
    }
}
