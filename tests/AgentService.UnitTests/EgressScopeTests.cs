using System.Net;
using Platform.AgentService.Tools;

namespace Platform.AgentService.UnitTests;

/// <summary>The host allowlist and the operator's private-network exceptions shared by http_get and MCP servers.</summary>
public sealed class EgressScopeTests
{
    private static EgressScope Scope(string[] hosts, params string[] networks)
    {
        Assert.True(EgressScope.TryParseNetworks(networks, out var parsed));
        return new EgressScope(hosts, parsed);
    }

    [Theory]
    [InlineData("mcp.example.com", true)]
    [InlineData("MCP.Example.com", true)]
    [InlineData("a.tools.example.org", true)]
    [InlineData("tools.example.org", false)]
    [InlineData("evil-tools.example.org", false)]
    [InlineData("example.com", false)]
    [InlineData("::ffff:7f00:1", false)]
    public void Hosts_match_exactly_or_as_subdomains_of_a_wildcard(string host, bool allowed)
    {
        Assert.Equal(allowed, Scope(["mcp.example.com", "*.tools.example.org"]).AllowsHost(host));
    }

    [Theory]
    [InlineData("2001:db8::1")]
    [InlineData("2001:0db8:0:0::1")]
    [InlineData("[2001:db8::1]")]
    public void An_address_literal_matches_however_it_is_written(string host)
    {
        Assert.True(Scope(["2001:db8:0::1"]).AllowsHost(host));
    }

    [Fact]
    public void A_wildcard_never_matches_an_address_literal()
    {
        Assert.False(Scope(["*.1"]).AllowsHost("10.0.0.1"));
    }

    [Theory]
    [InlineData("10.0.5.7", true)]
    [InlineData("::ffff:10.0.5.7", true)]
    [InlineData("10.0.6.1", false)]
    [InlineData("fd00::1", false)]
    public void Private_addresses_pass_only_inside_a_listed_network(string address, bool allowed)
    {
        Assert.Equal(allowed, Scope([], "10.0.5.0/24").AllowsPrivate(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("169.254.0.0/16", true)]
    [InlineData("0.0.0.0/0", true)]
    [InlineData("fd00:ec2::/32", true)]
    [InlineData("10.0.0.0/8", false)]
    public void Networks_covering_cloud_metadata_are_recognised_so_start_up_refuses_them(string network, bool covers)
    {
        Assert.Equal(covers, EgressScope.CoversMetadata(IPNetwork.Parse(network)));
    }

    [Fact]
    public void An_entry_that_is_not_a_network_is_rejected()
    {
        Assert.False(EgressScope.TryParseNetworks(["10.0.0.0/8", "not-a-network"], out _));
    }
}
