namespace Platform.ModelService.Embeddings;

/// <summary>
/// The order in which queued inputs are offered to the <see cref="BatchPlanner"/>: tenants take turns, one input each
/// per round, in the order of their oldest input; each tenant's inputs keep their age order. The oldest input overall
/// still comes first, and a tenant with one input waiting is not queued behind another tenant's hundreds.
/// </summary>
internal sealed class FairOrder
{
    // Reused between calls (the batcher's worker calls it under its lock): no allocation per batch once warmed.
    private readonly Dictionary<string, int> _tenantIndex = new(StringComparer.Ordinal);
    private readonly List<List<LinkedListNode<QueuedInput>>> _perTenant = [];
    private int _tenantCount;

    internal void Arrange(LinkedList<QueuedInput> queue, List<LinkedListNode<QueuedInput>> ordered)
    {
        ordered.Clear();
        _tenantIndex.Clear();
        _tenantCount = 0;
        for (var node = queue.First; node is not null; node = node.Next)
        {
            var tenant = node.Value.Job.Tenant;
            if (!_tenantIndex.TryGetValue(tenant, out var index))
            {
                index = _tenantIndex[tenant] = _tenantCount++;
                if (_perTenant.Count < _tenantCount)
                {
                    _perTenant.Add([]);
                }

                _perTenant[index].Clear();
            }

            _perTenant[index].Add(node);
        }

        if (_tenantCount == 1)
        {
            ordered.AddRange(_perTenant[0]);
            return;
        }

        for (var round = 0; ordered.Count < queue.Count; round++)
        {
            for (var tenant = 0; tenant < _tenantCount; tenant++)
            {
                if (round < _perTenant[tenant].Count)
                {
                    ordered.Add(_perTenant[tenant][round]);
                }
            }
        }
    }
}
