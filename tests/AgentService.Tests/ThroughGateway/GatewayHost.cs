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
        : this(redis, [], new Dictionary<string, string?>(), null, agents)
    {
    }

    /// <summary>A gateway that also routes to a real models service (the test key then holds both scopes).</summary>
    /// <param name="clients">More clients, each with its own key (<see cref="KeyOf"/>) and so its own tenant.</param>
    public GatewayHost(string redis, AgentServiceHost[] agents, Uri? models, IReadOnlyList<string> clients)
        : this(redis, clients, new Dictionary<string, string?>(), models, agents)
    {
    }

    /// <param name="tenants">More clients, each with its own key (<see cref="KeyOf"/>) and so its own tenant.</param>
    public GatewayHost(string redis, IReadOnlyList<string> tenants, params AgentServiceHost[] agents)
        : this(redis, tenants, new Dictionary<string, string?>(), agents)
    {
    }

    /// <param name="extraSettings">Gateway settings on top (JWT validation, for instance).</param>
    public GatewayHost(string redis, IReadOnlyList<string> tenants, IReadOnlyDictionary<string, string?> extraSettings, params AgentServiceHost[] agents)
        : this(redis, tenants, extraSettings, null, agents)
    {
    }

    private GatewayHost(string redis, IReadOnlyList<string> tenants, IReadOnlyDictionary<string, string?> extraSettings, Uri? models, AgentServiceHost[] agents)
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
            // Without a models service the models route points nowhere; it is never probed.
            ["ReverseProxy:Clusters:models:Destinations:models:Address"] = models?.ToString() ?? "http://127.0.0.1:9/",
            ["ReverseProxy:Clusters:models:HealthCheck:Active:Enabled"] = "false",
        };
        if (models is not null)
        {
            settings["Authentication:ApiKeys:" + ClientId + ":Scopes:1"] = "models";
        }

        foreach (var (key, value) in extraSettings)
        {
            settings[key] = value;
        }

        foreach (var tenant in tenants)
        {
            settings["Authentication:ApiKeys:" + tenant + ":Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(KeyOf(tenant))));
            settings["Authentication:ApiKeys:" + tenant + ":Scopes:0"] = "agents";
            settings["Authentication:ApiKeys:" + tenant + ":Scopes:1"] = "models";
        }

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
        _address = new Uri(address);
        Client = ClientWithKey(Key);
    }

    private readonly Uri _address;

    public static string KeyOf(string tenant) => $"tenant-key-{tenant}-0123456789";

    /// <summary>A client calling through the gateway with <paramref name="bearer"/> (a JWT, for instance).</summary>
    public HttpClient ClientWithBearer(string bearer) => ClientWithKey(bearer);

    /// <summary>An HTTP client authenticated as <paramref name="tenant"/> (one of the constructor's tenants), through the gateway.</summary>
    public HttpClient ClientFor(string tenant) => ClientWithKey(KeyOf(tenant));

    private HttpClient ClientWithKey(string key)
    {
        var client = new HttpClient { BaseAddress = _address, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        return client;
    }

    /// <summary>An HTTP client authenticated with the test key, going through the gateway.</summary>
    public HttpClient Client { get; }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
    }
}
