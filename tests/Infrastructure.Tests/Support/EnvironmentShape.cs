using System.Text.Json;

namespace Platform.Infrastructure.Tests.Support;

/// <summary>
/// An environment's topology (main.tf's <c>local.topology</c>) and sizes (its terraform.tfvars) as Terraform itself
/// evaluates them, read with <c>terraform console</c> in a copy whose remote backend is overridden by a local one.
/// </summary>
public sealed record EnvironmentShape(
    string Name,
    int Zones,
    JsonElement Topology,
    IReadOnlyDictionary<string, NodePool> Pools,
    string RedisNodeType,
    int RedisReplicas)
{
    private const string Expression =
        "jsonencode({ zones = var.availability_zone_count, topology = local.topology, pools = var.node_pools, " +
        "redis_node_type = var.redis_node_type, redis_replicas = var.redis_replicas })\n";

    /// <summary>Most nodes the Cluster Autoscaler may run, over every pool and zone.</summary>
    public int MaxNodes => Pools.Values.Sum(pool => pool.MaxPerZone) * Zones;

    public int RedisNodes => 1 + RedisReplicas;

    public static async Task<EnvironmentShape> ReadAsync(TerraformWorkspace workspace, string environment)
    {
        var directory = workspace.PathOf($"environments/{environment}");
        await File.WriteAllTextAsync(Path.Combine(directory, "backend_override.tf"), "terraform {\n  backend \"local\" {}\n}\n");
        (await TerraformCli.InitAsync(directory, withBackend: true)).ShouldSucceed($"terraform init in {environment}");

        var result = (await TerraformCli.RunAsync(directory, ["console", "-no-color"], Expression)).ShouldSucceed($"terraform console in {environment}");

        // The console prints the string as an HCL literal, which for this JSON is a JSON string literal.
        var json = JsonSerializer.Deserialize<string>(result.Output.Trim().Split('\n')[^1])!;
        var root = JsonDocument.Parse(json).RootElement;
        return new EnvironmentShape(
            environment,
            root.GetProperty("zones").GetInt32(),
            root.GetProperty("topology").Clone(),
            root.GetProperty("pools").EnumerateObject().ToDictionary(
                pool => pool.Name,
                pool => new NodePool(
                    [.. pool.Value.GetProperty("instance_types").EnumerateArray().Select(type => type.GetString()!)],
                    pool.Value.GetProperty("capacity_type").GetString()!,
                    pool.Value.GetProperty("max_per_zone").GetInt32())),
            root.GetProperty("redis_node_type").GetString()!,
            root.GetProperty("redis_replicas").GetInt32());
    }
}

public sealed record NodePool(IReadOnlyList<string> InstanceTypes, string CapacityType, int MaxPerZone)
{
    /// <summary>Size of the largest instance type, by the AWS size suffix (see <see cref="InstanceSize"/>).</summary>
    public int LargestSize => InstanceTypes.Max(InstanceSize.Rank);
}

/// <summary>Orders EC2 and ElastiCache sizes: nano &lt; micro &lt; small &lt; medium &lt; large &lt; xlarge &lt; 2xlarge ...</summary>
public static class InstanceSize
{
    private static readonly string[] Named = ["nano", "micro", "small", "medium", "large", "xlarge"];

    public static int Rank(string instanceType)
    {
        var size = instanceType.Split('.')[^1];
        var named = Array.IndexOf(Named, size);
        if (named >= 0)
        {
            return named;
        }

        var known = int.TryParse(size.EndsWith("xlarge", StringComparison.Ordinal) ? size[..^"xlarge".Length] : "", out var multiple);
        Assert.True(known, $"Unknown instance size in {instanceType}.");
        return Named.Length - 1 + multiple;
    }
}
