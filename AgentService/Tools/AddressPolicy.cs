using System.Net;
using System.Net.Sockets;

namespace Platform.AgentService.Tools;

/// <summary>Decides whether an outbound tool request may connect to an address.</summary>
public interface IAddressPolicy
{
    /// <summary>Null when the address may be reached, else why not.</summary>
    string? Refuse(IPAddress address);
}

/// <summary>
/// Only public unicast addresses: refuses loopback, private (10/8, 172.16/12, 192.168/16), CGNAT (100.64/10),
/// link-local (169.254/16, which holds cloud metadata at 169.254.169.254), "this network" (0/8), benchmarking,
/// multicast and reserved ranges, and for IPv6 loopback, unspecified, unique-local (fc00::/7), link-local
/// (fe80::/10), site-local (fec0::/10) and multicast. An IPv6 address that carries an IPv4 one for a translator or
/// tunnel (<see cref="EmbeddedIPv4"/>) is refused when any IPv4 address it may stand for is.
/// </summary>
public sealed class PublicAddressPolicy : IAddressPolicy
{
    public string? Refuse(IPAddress address) => address.AddressFamily switch
    {
        AddressFamily.InterNetwork => RefuseV4(address.GetAddressBytes()),
        AddressFamily.InterNetworkV6 => RefuseV6(address),
        _ => "not an IP address",
    };

    private static string? RefuseV4(byte[] b) => b switch
    {
        [0, ..] => "in 0.0.0.0/8 (this network)",
        [10, ..] => "private (10.0.0.0/8)",
        [100, >= 64 and <= 127, ..] => "shared address space (100.64.0.0/10, CGNAT)",
        [127, ..] => "loopback (127.0.0.0/8)",
        [169, 254, ..] => "link-local (169.254.0.0/16, includes cloud metadata)",
        [172, >= 16 and <= 31, ..] => "private (172.16.0.0/12)",
        [192, 0, 0, _] => "IETF protocol assignments (192.0.0.0/24)",
        [192, 0, 2, _] or [198, 51, 100, _] or [203, 0, 113, _] => "documentation range",
        [192, 168, ..] => "private (192.168.0.0/16)",
        [198, 18 or 19, ..] => "benchmarking (198.18.0.0/15)",
        [>= 224, ..] => "multicast or reserved (224.0.0.0/3)",
        _ => null,
    };

    private static string? RefuseV6(IPAddress address)
    {
        if (address.Equals(IPAddress.IPv6Loopback))
        {
            return "loopback (::1)";
        }

        if (address.Equals(IPAddress.IPv6None) || address.Equals(IPAddress.IPv6Any))
        {
            return "unspecified (::)";
        }

        var embedded = EmbeddedIPv4.Find(address)
            .Select(found => RefuseV4(found.Address.GetAddressBytes()) is { } reason ? $"{found.Form} of {found.Address}, {reason}" : null)
            .OfType<string>()
            .ToList();
        if (embedded.Count > 0)
        {
            return string.Join("; ", embedded);
        }

        var b = address.GetAddressBytes();
        return b switch
        {
            [>= 0xfc and <= 0xfd, ..] => "unique local (fc00::/7)",
            [0xfe, >= 0x80, ..] => "link-local or site-local (fe80::/10, fec0::/10)",
            [0xff, ..] => "multicast (ff00::/8)",
            [0x20, 0x01, 0x0d, 0xb8, ..] => "documentation range (2001:db8::/32)",
            [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ..] => "IPv4-compatible or reserved (::/96)",
            _ => null,
        };
    }
}
