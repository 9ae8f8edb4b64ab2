using System.Net;
using Platform.AgentService.Tools;

namespace Platform.AgentService.UnitTests;

/// <summary>IPv6 forms that reach an IPv4 address through a translator or tunnel are judged by that IPv4 address.</summary>
public sealed class EmbeddedIPv4Tests
{
    private readonly PublicAddressPolicy _policy = new();

    [Theory]
    [InlineData("::ffff:127.0.0.1", "IPv4-mapped of 127.0.0.1, loopback")]
    [InlineData("::ffff:0:a9fe:a9fe", "IPv4-translated of 169.254.169.254, link-local")]
    [InlineData("::ffff:0:10.1.2.3", "IPv4-translated of 10.1.2.3, private")]
    [InlineData("64:ff9b::7f00:1", "NAT64 of 127.0.0.1, loopback")]
    [InlineData("64:ff9b:1::a9fe:a9fe", "NAT64 (/96) of 169.254.169.254, link-local")]
    [InlineData("64:ff9b:1:abcd:1234:5678:c0a8:101", "NAT64 (/96) of 192.168.1.1, private")]
    [InlineData("64:ff9b:1:7f00:0:100::", "NAT64 (/48) of 127.0.0.1, loopback")]
    [InlineData("64:ff9b:1:a:0:102::", "NAT64 (/56) of 10.0.1.2, private")]
    [InlineData("64:ff9b:1:ffff:a9:fea9:fe00:0", "NAT64 (/64) of 169.254.169.254, link-local")]
    [InlineData("2002:a9fe:a9fe::1", "6to4 of 169.254.169.254, link-local")]
    [InlineData("2001:0:4136:e378:8000:63bf:80ff:fffe", "Teredo client of 127.0.0.1, loopback")]
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2", "Teredo client of 192.0.2.45, documentation range")]
    [InlineData("2001:0:a00:1::a247:27dd", "Teredo server of 10.0.0.1, private")]
    public void An_internal_ipv4_address_inside_an_ipv6_form_is_refused_naming_the_form(string address, string reason)
    {
        Assert.Contains(reason, _policy.Refuse(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("::ffff:0:5db8:d822")]
    [InlineData("64:ff9b::5db8:d822")]
    [InlineData("64:ff9b:1::5db8:d822")]
    [InlineData("64:ff9b:1:abcd:1234:5678:5db8:d822")]
    [InlineData("2002:5db8:d822::1")]
    [InlineData("2001:0:4136:e378:8000:63bf:a247:27dd")]
    public void A_public_ipv4_address_inside_an_ipv6_form_may_be_reached(string address)
    {
        Assert.Null(_policy.Refuse(IPAddress.Parse(address)));
    }

    [Fact]
    public void Teredo_client_bits_are_inverted_before_they_are_judged()
    {
        var found = EmbeddedIPv4.Find(IPAddress.Parse("2001:0:4136:e378:8000:63bf:a247:27dd"));

        Assert.Contains(("Teredo client", IPAddress.Parse("93.184.216.34")), found);
        Assert.Contains(("Teredo server", IPAddress.Parse("65.54.227.120")), found);
    }

    [Fact]
    public void Local_use_nat64_is_read_only_at_the_prefix_lengths_the_address_is_well_formed_for()
    {
        // A non-zero "u" octet (bits 64-71) rules out every layout but /96.
        var found = EmbeddedIPv4.Find(IPAddress.Parse("64:ff9b:1:7f00:1:ff00:5db8:d822"));

        Assert.Equal([("NAT64 (/96)", IPAddress.Parse("93.184.216.34"))], found);
    }

    [Theory]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2001:db8::1")]
    [InlineData("2001:1::1")]
    public void Ordinary_ipv6_addresses_carry_no_ipv4_address(string address)
    {
        Assert.Empty(EmbeddedIPv4.Find(IPAddress.Parse(address)));
    }
}
