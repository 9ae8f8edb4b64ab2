using System.Net;

namespace Platform.AgentService.Tools;

/// <summary>
/// Where one tool may connect: host names on its allowlist (exact, or <c>*.example.com</c> for subdomains), at
/// public addresses only, except for the non-public networks the operator lists (in-cluster servers, say).
/// </summary>
public sealed record EgressScope(IReadOnlyList<string> AllowedHosts, IReadOnlyList<IPNetwork> AllowedPrivateNetworks)
{
    /// <summary>Whether a host is on the allowlist; an address literal matches the same address however it is written.</summary>
    public bool AllowsHost(string host)
    {
        var literal = IPAddress.TryParse(host.Trim('[', ']'), out var address) ? address : null;
        return AllowedHosts.Any(allowed => allowed.StartsWith("*.", StringComparison.Ordinal)
            ? literal is null && host.EndsWith(allowed[1..], StringComparison.OrdinalIgnoreCase)
            : string.Equals(host, allowed.Trim('[', ']'), StringComparison.OrdinalIgnoreCase)
              || (literal is not null && IPAddress.TryParse(allowed.Trim('[', ']'), out var listed) && listed.Equals(literal)));
    }

    /// <summary>Whether an operator listed the network of this address (an IPv4-mapped address counts as its IPv4).</summary>
    public bool AllowsPrivate(IPAddress address)
    {
        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return AllowedPrivateNetworks.Any(network => network.Contains(plain));
    }

    /// <summary>Parses CIDR entries such as <c>10.0.5.0/24</c>; false when one is not a network.</summary>
    public static bool TryParseNetworks(IEnumerable<string> entries, out List<IPNetwork> networks)
    {
        networks = [];
        foreach (var entry in entries)
        {
            if (!IPNetwork.TryParse(entry, out var network))
            {
                return false;
            }

            networks.Add(network);
        }

        return true;
    }

    /// <summary>Cloud metadata endpoints stay out of reach whatever an operator lists.</summary>
    public static bool CoversMetadata(IPNetwork network) =>
        network.Contains(IPAddress.Parse("169.254.169.254")) || network.Contains(IPAddress.Parse("fd00:ec2::254"));
}
