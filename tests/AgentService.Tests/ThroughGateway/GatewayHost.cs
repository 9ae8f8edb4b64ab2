extern alias gateway;

using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Platform.TestSupport;

namespace Platform.AgentService.Tests.ThroughGateway;

/// <summary>
/// The real gateway program on Kestrel in front of agent service replicas: API-key authentication, rate limits on the
/// test's redis-server, YARP forwarding to the replicas' real sockets. Clients call it with a bearer key, as users do.
/// </summary>
public sealed class GatewayHost : IAsyncDisposable
{
    public const string Key = "gateway-test-key-0123456789";
    public const string ClientId = "gateway-client";

    private readonly WebApplicationFactory<gateway::Program> _factory;

    public GatewayHost(string redis, params AgentServiceHost[] agents)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:redis"] = redis,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Authentication:ApiKeys:" + ClientId + ":Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Key))),
            ["Authentication:ApiKeys:" + ClientId + ":Scopes:0"] = "agents",
            ["RateLimits:RequestsPerMinute"] = "100000",
            ["RateLimits:ConcurrentStreams"] = "100",
            [SignedCaller.KeySetting] = SignedCaller.Key,
            // These tests reach no model through the gateway: the models route points nowhere and is not probed.
            ["ReverseProxy:Clusters:models:Destinations:models:Address"] = "http://127.0.0.1:9/",
            ["ReverseProxy:Clusters:models:HealthCheck:Active:Enabled"] = "false",
        };
        for (var i = 0; i < agents.Length; i++)
        {
            // The first replica takes the configured destination's name, replacing its service-discovery address.
            settings[$"ReverseProxy:Clusters:agents:Destinations:{(i == 0 ? "agents" : $"agents-{i + 1}")}:Address"] = agents[i].Address.ToString();
        }

        _factory = new WebApplicationFactory<gateway::Program>().WithWebHostBuilder(web =>
        {
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }
        });
        _factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(2) };
        Client.DefaultRequestHeaders.Authorization = new("Bearer", Key);
    }

    /// <summary>An HTTP client authenticated with the test key, going through the gateway.</summary>
    public HttpClient Client { get; }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
    }
}
