using System.Net;
using Platform.AgentService.Tools;

namespace Platform.AgentService.UnitTests;

/// <summary>Which addresses <c>http_get</c> may connect to: public unicast only (the SSRF guard).</summary>
public sealed class AddressPolicyTests
{
    private readonly PublicAddressPolicy _policy = new();

    [Theory]
    [InlineData("0.1.2.3", "this network")]
    [InlineData("10.0.0.1", "private (10.0.0.0/8)")]
    [InlineData("100.64.0.1", "CGNAT")]
    [InlineData("100.127.255.254", "CGNAT")]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.255.255.255", "loopback")]
    [InlineData("169.254.169.254", "cloud metadata")]
    [InlineData("172.16.0.1", "private (172.16.0.0/12)")]
    [InlineData("172.31.255.255", "private (172.16.0.0/12)")]
    [InlineData("192.0.0.8", "IETF protocol assignments")]
    [InlineData("192.0.2.1", "documentation range")]
    [InlineData("198.51.100.7", "documentation range")]
    [InlineData("203.0.113.9", "documentation range")]
    [InlineData("192.168.0.1", "private (192.168.0.0/16)")]
    [InlineData("198.18.0.1", "benchmarking")]
    [InlineData("198.19.255.1", "benchmarking")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("255.255.255.255", "multicast or reserved")]
    public void Non_public_ipv4_addresses_are_refused_with_their_range(string address, string reason)
    {
        Assert.Contains(reason, _policy.Refuse(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("::1", "loopback")]
    [InlineData("::", "unspecified")]
    [InlineData("fc00::1", "unique local")]
    [InlineData("fdff::1", "unique local")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("fec0::1", "site-local")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("2001:db8::1", "documentation")]
    [InlineData("::10.0.0.1", "IPv4-compatible")]
    public void Non_public_ipv6_addresses_are_refused_with_their_range(string address, string reason)
    {
        Assert.Contains(reason, _policy.Refuse(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("::ffff:127.0.0.1", "loopback")]
    [InlineData("::ffff:169.254.169.254", "link-local")]
    [InlineData("64:ff9b::a00:1", "NAT64 of 10.0.0.1, private")]
    [InlineData("2002:c0a8:0101::1", "6to4 of 192.168.1.1, private")]
    public void Ipv4_inside_ipv6_is_judged_by_the_ipv4_address(string address, string reason)
    {
        Assert.Contains(reason, _policy.Refuse(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("1.1.1.1")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.1")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.1")]
    [InlineData("198.20.0.1")]
    [InlineData("223.255.255.255")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:93.184.216.34")]
    [InlineData("64:ff9b::5db8:d822")]
    [InlineData("2002:5db8:d822::1")]
    public void Public_unicast_addresses_may_be_reached(string address)
    {
        Assert.Null(_policy.Refuse(IPAddress.Parse(address)));
    }
}
