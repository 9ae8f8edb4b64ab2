extern alias models;

using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Platform.TestSupport;

namespace Platform.AgentService.Tests.ThroughGateway;

/// <summary>The real models service on Kestrel, serving chat through the scripted provider (its real ONNX model loaded).</summary>
public sealed class ModelsHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<models::Program> _factory;

    private ModelsHost(WebApplicationFactory<models::Program> factory, Uri address)
    {
        _factory = factory;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>The OpenAI-compatible base URL the agent service is given.</summary>
    public string BaseUrl => new Uri(Address, "/v1").ToString();

    public IServiceProvider Services => _factory.Services;

    /// <summary>Starts the service on <paramref name="redis"/> (usage and token quotas), with settings of the test's choosing.</summary>
    public static async Task<ModelsHost> StartAsync(ScriptedLlmServer provider, string redis, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var factory = new WebApplicationFactory<models::Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("ConnectionStrings:llm", $"Endpoint={provider.BaseUrl};Key=test-key;Model=scripted-model");
            web.UseSetting("ConnectionStrings:redis", redis);
            web.UseSetting("Logging:LogLevel:Default", "Warning");
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                web.UseSetting(key, value);
            }
            web.UseSetting(SignedCaller.KeySetting, SignedCaller.Key);
        });
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var address = new Uri(factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        using var http = new HttpClient { BaseAddress = address };
        if (!await Eventually.HoldsAsync(async () => (await http.GetAsync("/health/ready")).IsSuccessStatusCode, TimeSpan.FromMinutes(2)))
        {
            throw new InvalidOperationException("The models service did not become ready.");
        }

        return new ModelsHost(factory, address);
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();
}
