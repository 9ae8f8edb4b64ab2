using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Platform.ServiceDefaults;
using Platform.TestSupport;

namespace Platform.Bench.Drain;

/// <summary>
/// One agents replica on Kestrel (loopback), started and stopped the way a pod is: <see cref="DrainAsync"/> is the
/// SIGTERM after the preStop sleep, a graceful host shutdown.
/// </summary>
public sealed class AgentReplica : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    public AgentReplica(string name, IReadOnlyDictionary<string, string> settings)
    {
        Name = name;
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Logging:LogLevel:Default", "Warning");
            web.UseSetting(SignedCaller.KeySetting, SignedCaller.Key);
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }
        });
        _factory.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        _factory.StartServer();
        var address = new Uri(_factory.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First());
        Client = SignedCaller.Client(address, "drain-bench");
    }

    public string Name { get; }

    public HttpClient Client { get; }

    public async Task DrainAsync() => await _factory.DisposeAsync();

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();
}
