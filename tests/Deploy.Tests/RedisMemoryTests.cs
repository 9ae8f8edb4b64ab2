using System.Globalization;
using Platform.Deploy.Tests.Support;
using Platform.TestSupport;

namespace Platform.Deploy.Tests;

/// <summary>
/// Redis in the cluster caps its memory below the container limit and refuses writes when full instead of evicting
/// state or being OOM-killed; its readiness probe, run here against a real redis-server, notices memory pressure.
/// </summary>
[Collection(PublishedPlatformCollection.Name)]
public sealed class RedisMemoryTests(PublishedPlatform platform)
{
    public static TheoryData<string> Environments => [.. PublishedPlatform.Environments];

    [Theory]
    [MemberData(nameof(Environments))]
    public void Redis_caps_memory_below_its_container_limit_and_never_evicts(string environment)
    {
        var container = platform.Rendered[environment].Single<V1StatefulSet>("redis").Spec.Template.Spec.Containers.Single();
        var args = container.Args.ToList();

        var maxMemory = long.Parse(args[args.IndexOf("--maxmemory") + 1], CultureInfo.InvariantCulture);
        var limit = container.Resources.Limits["memory"].ToDecimal();
        Assert.InRange(maxMemory, (long)(limit / 2), (long)(limit * 0.9m));
        Assert.Equal("noeviction", args[args.IndexOf("--maxmemory-policy") + 1]);
    }

    [Fact]
    public async Task Readiness_fails_when_redis_is_near_its_memory_cap_and_passes_again_when_freed()
    {
        var probe = platform.Rendered["production"].Single<V1StatefulSet>("redis").Spec.Template.Spec.Containers.Single().ReadinessProbe.Exec.Command;
        await using var redis = await RedisServer.StartAsync();
        var port = redis.Port.ToString(CultureInfo.InvariantCulture);
        var script = probe[2].Replace("-p 6379", $"-p {port}", StringComparison.Ordinal);
        Assert.Equal("sh", probe[0]);

        Assert.Equal(0, (await Shell.RunAsync("sh", ["-c", script])).ExitCode);

        var info = (await Shell.RunAsync("redis-cli", ["-p", port, "info", "memory"])).Output;
        var used = long.Parse(info.Split('\n').Single(line => line.StartsWith("used_memory:", StringComparison.Ordinal))["used_memory:".Length..].Trim(), CultureInfo.InvariantCulture);
        await Shell.RunAsync("redis-cli", ["-p", port, "config", "set", "maxmemory", (used + 2_000_000).ToString(CultureInfo.InvariantCulture)]);
        await Shell.RunAsync("redis-cli", ["-p", port, "config", "set", "maxmemory-policy", "noeviction"]);
        // Fill it the way state grows, key by key, until Redis refuses a write.
        var keys = 0;
        while (!(await Shell.RunAsync("redis-cli", ["-p", port, "-x", "set", $"state:{keys}"], new string('x', 64 * 1024))).Output.Contains("OOM", StringComparison.Ordinal))
        {
            Assert.InRange(++keys, 1, 100);
        }

        var full = await Shell.RunAsync("sh", ["-c", script]);
        Assert.True(full.ExitCode != 0, $"ready at the cap after {keys} writes: {script}\n{full.Output}");

        await Shell.RunAsync("redis-cli", ["-p", port, "flushall"]);
        Assert.Equal(0, (await Shell.RunAsync("sh", ["-c", script])).ExitCode);
    }
}
