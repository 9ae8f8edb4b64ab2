using Platform.AgentService.Tools;

namespace Platform.AgentService.UnitTests;

/// <summary>Which redirects <c>http_get</c> follows (each hop is also vetted again by the SSRF guard).</summary>
public sealed class RedirectRuleTests
{
    [Theory]
    [InlineData("https://example.com/a", "https://example.com/b")]
    [InlineData("https://example.com/a", "https://www.example.com/b")]
    [InlineData("http://example.com/a", "http://example.com/b")]
    [InlineData("http://example.com:8080/a", "http://example.com:8080/b")]
    [InlineData("http://example.com/a", "https://example.com/a")]
    public void Same_scheme_and_port_or_an_upgrade_to_https_is_followed(string from, string to)
    {
        Assert.Null(RedirectRule.Refuse(new Uri(from), new Uri(to)));
    }

    [Theory]
    [InlineData("https://example.com/a", "http://example.com/a", "downgrade")]
    [InlineData("https://example.com/a", "http://example.com:443/a", "downgrade")]
    [InlineData("https://example.com/a", "https://example.com:8443/a", "port 443 to port 8443")]
    [InlineData("http://example.com/a", "http://example.com:6379/a", "port 80 to port 6379")]
    [InlineData("http://example.com:8080/a", "https://example.com/a", "port 8080 to port 443")]
    [InlineData("http://example.com/a", "https://example.com:8443/a", "port 80 to port 8443")]
    public void A_downgrade_or_a_change_of_port_is_refused(string from, string to, string reason)
    {
        Assert.Contains(reason, RedirectRule.Refuse(new Uri(from), new Uri(to)));
    }
}
