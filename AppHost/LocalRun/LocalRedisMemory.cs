using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace Platform.AppHost.LocalRun;

/// <summary>
/// The local Redis runs like the cluster's: a <c>maxmemory</c> (setting <c>LocalRedis:MaxMemory</c>, default
/// <c>512mb</c>) under <c>noeviction</c>, so a laptop sees a full Redis refuse writes (the services answer 507)
/// instead of growing until the machine swaps, and never silently drops a queued run or a thread.
/// </summary>
public static partial class LocalRedisMemory
{
    public const string Setting = "LocalRedis:MaxMemory";
    public const string Default = "512mb";

    public static string MaxMemory(IConfiguration configuration)
    {
        var value = configuration[Setting] is { Length: > 0 } configured ? configured.Trim().ToLowerInvariant() : Default;
        return Size().IsMatch(value)
            ? value
            : throw new DistributedApplicationException($"The setting '{Setting}' must be a size such as 512mb or 2gb (got '{value}').");
    }

    /// <summary>The <c>redis-server</c> arguments that apply it.</summary>
    public static IReadOnlyList<string> Arguments(IConfiguration configuration) =>
        ["--maxmemory", MaxMemory(configuration), "--maxmemory-policy", "noeviction"];

    [GeneratedRegex("^[1-9][0-9]*(b|kb|mb|gb)?$")]
    private static partial Regex Size();
}
