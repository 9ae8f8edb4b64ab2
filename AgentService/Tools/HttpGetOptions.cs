using System.ComponentModel.DataAnnotations;

namespace Platform.AgentService.Tools;

/// <summary>Section <c>Tools:HttpGet</c>: which hosts <c>http_get</c> may reach and how much it may read.</summary>
public sealed class HttpGetOptions
{
    public const string Section = "Tools:HttpGet";

    /// <summary>Host names (exact, or <c>*.example.com</c> for subdomains) the tool may fetch from; empty allows none.</summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>Non-public networks (CIDR) allowlisted hosts may resolve to; empty: public addresses only.</summary>
    public List<string> AllowedPrivateNetworks { get; set; } = [];

    [Range(1, 100 * 1024 * 1024)]
    public int MaxResponseBytes { get; set; } = 256 * 1024;

    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    [Range(0, 20)]
    public int MaxRedirects { get; set; } = 5;

    public EgressScope Scope() =>
        EgressScope.TryParseNetworks(AllowedPrivateNetworks, out var networks)
            ? new EgressScope(AllowedHosts, networks)
            : throw new InvalidOperationException($"'{Section}:AllowedPrivateNetworks' holds an entry that is not a CIDR network.");
}
