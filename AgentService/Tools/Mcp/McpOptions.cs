using System.ComponentModel.DataAnnotations;

namespace Platform.AgentService.Tools.Mcp;

/// <summary>Section <c>Tools:Mcp</c>: which MCP servers agents may use and how much each may cost a run.</summary>
public sealed class McpOptions
{
    public const string Section = "Tools:Mcp";

    /// <summary>Host names (exact, or <c>*.example.com</c>) MCP server URLs may name; empty allows none.</summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>Non-public networks (CIDR) allowlisted hosts may resolve to, e.g. in-cluster servers; empty: public only.</summary>
    public List<string> AllowedPrivateNetworks { get; set; } = [];

    [Range(0, 16)]
    public int MaxServersPerAgent { get; set; } = 4;

    /// <summary>Tools taken from one server (after <c>allowed_tools</c>); the rest are left out and the listing event says so.</summary>
    [Range(1, 256)]
    public int MaxToolsPerServer { get; set; } = 32;

    /// <summary>Connecting to a server and listing its tools, at the start of each run execution.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan ListTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>One tool call.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:30:00")]
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Characters of a tool result passed to the model; longer results are cut with a marker.</summary>
    [Range(100, 10_000_000)]
    public int MaxResultChars { get; set; } = 64 * 1024;

    /// <summary>Bytes of one HTTP response from a server (a JSON reply or an event stream); beyond, the request fails.</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public int MaxResponseBytes { get; set; } = 4 * 1024 * 1024;

    public EgressScope Scope() =>
        EgressScope.TryParseNetworks(AllowedPrivateNetworks, out var networks)
            ? new EgressScope(AllowedHosts, networks)
            : throw new InvalidOperationException($"'{Section}:AllowedPrivateNetworks' holds an entry that is not a CIDR network.");
}
