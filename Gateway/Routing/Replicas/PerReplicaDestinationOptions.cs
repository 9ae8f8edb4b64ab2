using System.ComponentModel.DataAnnotations;

namespace Platform.Gateway.Routing.Replicas;

/// <summary>
/// Section <c>PerReplicaDestinations</c>: each destination whose address is a host name becomes one destination per
/// address that name resolves to (a headless Service has one per ready pod), so load balancing and health checks
/// see every replica.
/// </summary>
public sealed class PerReplicaDestinationOptions
{
    public const string Section = "PerReplicaDestinations";

    /// <summary>Off: destinations keep their configured host names (one destination per name).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How often names are resolved again, so new pods get traffic and removed ones stop getting it. Default 5 s,
    /// below the pods' preStop sleep, so a leaving pod is dropped before it stops.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan RefreshPeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A DNS server (<c>address:port</c>) to ask directly; empty (the default) uses the system resolver, with the
    /// pod's search domains and NodeLocal DNSCache.
    /// </summary>
    public string NameServer { get; set; } = "";

    /// <summary>Host names that are never expanded (one process behind them, such as local runs).</summary>
    public List<string> KeepHosts { get; set; } = ["localhost"];
}
