using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.AgentService.Tools;

namespace Platform.AgentService.Tests;

public sealed class HttpGetToolTests : IAsyncLifetime
{
    private WebApplication _site = null!;
    private int _hits;

    private int Port => new Uri(_site.Urls.First()).Port;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        _site = builder.Build();
        _site.Use(async (context, next) =>
        {
            Interlocked.Increment(ref _hits);
            await next(context);
        });
        _site.MapGet("/hello", () => "hello from the site");
        _site.MapGet("/big", () => new string('x', 10_000));
        _site.MapGet("/redirect", (string to) => Results.Redirect(to));
        await _site.StartAsync();
    }

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("10.1.2.3", "private")]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("172.20.0.1", "private")]
    [InlineData("192.168.1.1", "private")]
    [InlineData("100.64.0.1", "CGNAT")]
    [InlineData("[::1]", "loopback")]
    [InlineData("[::ffff:127.0.0.1]", "loopback")]
    [InlineData("[::ffff:169.254.169.254]", "link-local")]
    [InlineData("[fd00::1]", "unique local")]
    [InlineData("[fe80::1]", "link-local")]
    [InlineData("[fec0::1]", "site-local")]
    [InlineData("[64:ff9b::a00:1]", "NAT64")]
    [InlineData("0.0.0.0", "this network")]
    public async Task Addresses_that_are_not_public_are_refused_even_when_allowlisted(string host, string reason)
    {
        var tool = Tool(allowedHosts: [host.Trim('[', ']')]);

        var refused = await Assert.ThrowsAsync<EgressRefusedException>(() => tool.GetAsync($"http://{host}:{Port}/hello", CancellationToken.None));

        Assert.Contains(reason, refused.Message);
        Assert.Equal(0, _hits);
    }

    [Fact]
    public async Task Numeric_host_forms_are_judged_as_the_address_they_denote()
    {
        var tool = Tool(allowedHosts: ["2130706433", "127.0.0.1", "0x7f000001"]);

        foreach (var host in new[] { "2130706433", "0x7f000001" })
        {
            var refused = await Assert.ThrowsAsync<EgressRefusedException>(() => tool.GetAsync($"http://{host}:{Port}/hello", CancellationToken.None));
            Assert.Contains("loopback", refused.Message);
        }

        Assert.Equal(0, _hits);
    }

    [Theory]
    [InlineData("internal.example", "10.9.8.7", "private")]
    [InlineData("metadata.example", "169.254.169.254", "link-local")]
    [InlineData("sneaky.example", "127.0.0.1", "loopback")]
    public async Task Names_that_resolve_to_internal_addresses_are_refused(string name, string address, string reason)
    {
        var tool = Tool(allowedHosts: [name], resolver: new FixedResolver(new() { [name] = [IPAddress.Parse("93.184.216.34"), IPAddress.Parse(address)] }));

        var refused = await Assert.ThrowsAsync<EgressRefusedException>(() => tool.GetAsync($"http://{name}/", CancellationToken.None));

        Assert.Contains(reason, refused.Message);
    }

    [Fact]
    public async Task Localhost_resolved_by_the_real_dns_is_refused()
    {
        var tool = Tool(allowedHosts: ["localhost"]);

        var refused = await Assert.ThrowsAsync<EgressRefusedException>(() => tool.GetAsync($"http://localhost:{Port}/hello", CancellationToken.None));

        Assert.Contains("loopback", refused.Message);
        Assert.Equal(0, _hits);
    }

    [Fact]
    public async Task Hosts_not_on_the_allowlist_are_refused_before_any_lookup()
    {
        var tool = Tool(allowedHosts: ["example.com"]);

        var refused = await Assert.ThrowsAsync<EgressRefusedException>(() => tool.GetAsync("http://evil.example.org/", CancellationToken.None));

        Assert.Contains("allowlist", refused.Message);
    }

    [Theory]
    [InlineData("http://169.254.169.254:{port}/latest/meta-data/", "link-local")]
    [InlineData("http://10.0.0.1:{port}/admin", "private")]
    [InlineData("http://127.0.0.2:{port}/hello", "loopback")]
    [InlineData("http://internal.example:{port}/", "private")]
    public async Task Redirects_to_internal_addresses_are_refused(string target, string reason)
    {
        // The first hop is the test site on 127.0.0.1, which only this policy lets through; every hop after it is
        // vetted by the production rules.
        var tool = Tool(
            allowedHosts: ["127.0.0.1", "127.0.0.2", "169.254.169.254", "10.0.0.1", "internal.example"],
            policy: new AllowingOnly(IPAddress.Loopback),
            resolver: new FixedResolver(new() { ["internal.example"] = [IPAddress.Parse("10.20.30.40")] }));
        var location = Uri.EscapeDataString(target.Replace("{port}", Port.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        var refused = await Assert.ThrowsAsync<EgressRefusedException>(() => tool.GetAsync($"http://127.0.0.1:{Port}/redirect?to={location}", CancellationToken.None));

        Assert.Contains(reason, refused.Message);
        Assert.Equal(1, _hits);
    }

    [Fact]
    public async Task Allowed_target_is_fetched_through_redirects_and_cut_at_the_size_limit()
    {
        var tool = Tool(allowedHosts: ["127.0.0.1"], policy: new AllowingOnly(IPAddress.Loopback), maxBytes: 1_000);

        var page = await tool.GetAsync($"http://127.0.0.1:{Port}/redirect?to=/hello", CancellationToken.None);
        var big = await tool.GetAsync($"http://127.0.0.1:{Port}/big", CancellationToken.None);

        Assert.StartsWith("status: 200", page);
        Assert.EndsWith("hello from the site", page);
        Assert.Contains("[truncated at 1000 bytes]", big);
        Assert.DoesNotContain(new string('x', 1001), big);
    }

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("8.8.8.8")]
    [InlineData("2606:4700:4700::1111")]
    public void Public_addresses_pass_the_production_policy(string address)
    {
        Assert.Null(new PublicAddressPolicy().Refuse(IPAddress.Parse(address)));
    }

    private static HttpGetTool Tool(string[] allowedHosts, IAddressPolicy? policy = null, IHostResolver? resolver = null, int maxBytes = 64 * 1024) =>
        new(Options.Create(new HttpGetOptions { AllowedHosts = [.. allowedHosts], MaxResponseBytes = maxBytes }),
            new EgressGuard(resolver ?? new DnsHostResolver(), policy ?? new PublicAddressPolicy()));

    private sealed class FixedResolver(Dictionary<string, IPAddress[]> answers) : IHostResolver
    {
        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
            Task.FromResult(answers.TryGetValue(host, out var addresses) ? addresses : []);
    }

    /// <summary>The production rules, except for one address (where the test site listens).</summary>
    private sealed class AllowingOnly(IPAddress exception) : IAddressPolicy
    {
        private readonly PublicAddressPolicy _rules = new();

        public string? Refuse(IPAddress address) => address.Equals(exception) ? null : _rules.Refuse(address);
    }
}
