using System.Text.Json;
using Platform.Infrastructure.Tests.Support;

namespace Platform.Infrastructure.Tests;

/// <summary>The environments compared with each other: dev is smaller than staging, staging is production's shape.</summary>
public sealed class EnvironmentSizingTests(TerraformWorkspace workspace) : IClassFixture<TerraformWorkspace>
{
    [Fact]
    public async Task Staging_has_production_topology_and_dev_is_smaller_than_staging()
    {
        var dev = await EnvironmentShape.ReadAsync(workspace, "dev");
        var staging = await EnvironmentShape.ReadAsync(workspace, "staging");
        var production = await EnvironmentShape.ReadAsync(workspace, "production");

        Assert.Equal(production.Zones, staging.Zones);
        Assert.Equal(JsonSerializer.Serialize(production.Topology), JsonSerializer.Serialize(staging.Topology));
        Assert.Equal(production.Pools.Keys.Order(), staging.Pools.Keys.Order());
        Assert.Equal(production.Pools.Keys.Order(), dev.Pools.Keys.Order());
        Assert.True(staging.RedisReplicas >= 1, "staging needs a Redis replica like production.");

        Assert.True(dev.Zones < staging.Zones, $"dev spans {dev.Zones} zones, staging {staging.Zones}.");
        Assert.True(dev.MaxNodes < staging.MaxNodes, $"dev may grow to {dev.MaxNodes} nodes, staging to {staging.MaxNodes}.");
        Assert.True(staging.MaxNodes <= production.MaxNodes, $"staging may grow to {staging.MaxNodes} nodes, production to {production.MaxNodes}.");
        Assert.True(dev.RedisNodes < staging.RedisNodes, "dev runs fewer Redis nodes than staging.");
        Assert.True(staging.RedisNodes <= production.RedisNodes, "staging runs no more Redis nodes than production.");
        Assert.True(InstanceSize.Rank(dev.RedisNodeType) <= InstanceSize.Rank(staging.RedisNodeType), "dev's Redis nodes are no larger than staging's.");
        Assert.True(InstanceSize.Rank(staging.RedisNodeType) <= InstanceSize.Rank(production.RedisNodeType), "staging's Redis nodes are no larger than production's.");
        foreach (var pool in production.Pools.Keys)
        {
            Assert.True(dev.Pools[pool].LargestSize <= staging.Pools[pool].LargestSize, $"dev's {pool} instances are no larger than staging's.");
            Assert.True(staging.Pools[pool].LargestSize <= production.Pools[pool].LargestSize, $"staging's {pool} instances are no larger than production's.");
        }
    }
}
