using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Gateway.Tests.Support;

/// <summary>One gateway replica: the real <c>Gateway</c> program on Kestrel, called over a real socket.</summary>
public sealed class GatewayInstance : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    private GatewayInstance(WebApplicationFactory<Program> factory, Uri address)
    {
        _factory = factory;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _factory.Services;

    /// <summary>Starts the gateway with <paramref name="settings"/>; <paramref name="services"/> may add to its container (a log capture).</summary>
    public static GatewayInstance Start(GatewaySettings settings, Action<IServiceCollection>? services = null)
    {
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            foreach (var (key, value) in settings.Values)
            {
                web.UseSetting(key, value);
            }

            if (services is not null)
            {
                web.ConfigureServices(services);
            }
        });
        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        try
        {
            factory.StartServer();
        }
        catch
        {
            factory.Dispose();
            throw;
        }

        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new GatewayInstance(factory, new Uri(address));
    }

    public Task<HttpResponseMessage> SendAsync(TestClient client, HttpMethod method, string path, HttpContent? content = null) =>
        Client.SendAsync(client.Request(method, path, content));

    /// <summary>The value of one Prometheus series on this gateway's <c>/metrics</c>, summed over matching label sets.</summary>
    public async Task<double> MetricAsync(string name, params string[] labels)
    {
        var text = await Client.GetStringAsync("/metrics");
        return text.Split('\n')
            .Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal))
            .Where(line => labels.All(label => line.Contains(label, StringComparison.Ordinal)))
            .Sum(ValueOf);
    }

    // "name{labels} value [timestamp]": the value is the first field after the labels.
    private static double ValueOf(string line)
    {
        var afterLabels = line.Contains('}') ? line[(line.LastIndexOf('}') + 1)..] : line[line.IndexOf(' ')..];
        return double.Parse(afterLabels.Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
    }
}
