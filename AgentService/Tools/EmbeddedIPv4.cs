using System.Net;

namespace Platform.AgentService.Tools;

/// <summary>
/// The IPv4 addresses an IPv6 address carries for a translator or tunnel to reach: IPv4-mapped (::ffff:0:0/96),
/// IPv4-translated (::ffff:0:0:0/96), NAT64 (64:ff9b::/96, and the local-use 64:ff9b:1::/48 at every RFC 6052
/// position the address is well formed for, since its prefix length is the operator's choice), 6to4 (2002::/16)
/// and Teredo (2001::/32: the server, and the client, whose bits are inverted). An address connecting there reaches
/// the IPv4 one, so the SSRF policy judges that.
/// </summary>
public static class EmbeddedIPv4
{
    public static IReadOnlyList<(string Form, IPAddress Address)> Find(IPAddress address)
    {
        var b = address.GetAddressBytes();
        if (b.Length != 16)
        {
            return [];
        }

        return b switch
        {
            [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ..] => [("IPv4-mapped", V4(b[12], b[13], b[14], b[15]))],
            [0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, ..] => [("IPv4-translated", V4(b[12], b[13], b[14], b[15]))],
            [0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0, ..] => [("NAT64", V4(b[12], b[13], b[14], b[15]))],
            [0, 0x64, 0xff, 0x9b, 0, 1, ..] => LocalUseNat64(b),
            [0x20, 0x02, ..] => [("6to4", V4(b[2], b[3], b[4], b[5]))],
            [0x20, 0x01, 0, 0, ..] =>
            [
                ("Teredo client", V4((byte)~b[12], (byte)~b[13], (byte)~b[14], (byte)~b[15])),
                ("Teredo server", V4(b[4], b[5], b[6], b[7])),
            ],
            _ => [],
        };
    }

    /// <summary>
    /// RFC 6052 section 2.2: below /96 the IPv4 address skips bits 64-71 (the "u" octet, zero) and is followed by a
    /// zero suffix. Every prefix length the address fits is a translation the operator may have configured.
    /// </summary>
    private static List<(string, IPAddress)> LocalUseNat64(byte[] b)
    {
        var found = new List<(string, IPAddress)> { ("NAT64 (/96)", V4(b[12], b[13], b[14], b[15])) };
        if (b[8] == 0)
        {
            if (b[13..].All(x => x == 0)) found.Add(("NAT64 (/64)", V4(b[9], b[10], b[11], b[12])));
            if (b[12..].All(x => x == 0)) found.Add(("NAT64 (/56)", V4(b[7], b[9], b[10], b[11])));
            if (b[11..].All(x => x == 0)) found.Add(("NAT64 (/48)", V4(b[6], b[7], b[9], b[10])));
        }

        return found;
    }

    private static IPAddress V4(byte a, byte b, byte c, byte d) => new([a, b, c, d]);
}
