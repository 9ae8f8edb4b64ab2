using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace Platform.Drills.Tests.Support;

/// <summary>
/// A reverse proxy on a loopback port that sends each request to one backend chosen by weight, the way the Envoy
/// edge applies an HTTPRoute's backend weights (per request; open connections and streams stay where they are),
/// or the way a ClusterIP Service spreads over its ready endpoints (equal weights). The drill changes the weights.
/// A request whose backend cannot be reached answers 502, as the edge would: nothing is retried.
/// </summary>
public sealed class LoopbackProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpMessageInvoker _client = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        ActivityHeadersPropagator = null,
    });

    private volatile (Uri Backend, int Weight)[] _backends = [];
    private long _sent;

    private LoopbackProxy(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;

    public static async Task<LoopbackProxy> StartAsync(IEnumerable<(Uri Backend, int Weight)> backends)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Services.AddHttpForwarder();
        var app = builder.Build();
        var proxy = new LoopbackProxy(app);
        proxy.SetBackends(backends);
        app.Map("/{**path}", proxy.ForwardAsync);
        await app.StartAsync();
        proxy.Address = new Uri(app.Urls.First());
        return proxy;
    }

    public IReadOnlyList<(Uri Backend, int Weight)> Backends => _backends;

    /// <summary>Takes effect for the next request; requests already forwarded finish where they are.</summary>
    public void SetBackends(IEnumerable<(Uri Backend, int Weight)> backends) => _backends = [.. backends];

    private async Task ForwardAsync(HttpContext context, IHttpForwarder forwarder)
    {
        var backend = Pick();
        if (backend is null)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        await forwarder.SendAsync(context, backend.ToString(), _client, new ForwarderRequestConfig { ActivityTimeout = TimeSpan.FromMinutes(5) }, HttpTransformer.Default);
    }

    private Uri? Pick()
    {
        var backends = _backends;
        var total = backends.Sum(backend => backend.Weight);
        if (total <= 0)
        {
            return null;
        }

        // Deterministic spread by request count (weighted round robin) rather than chance.
        var slot = (int)(Interlocked.Increment(ref _sent) % total);
        foreach (var (backend, weight) in backends)
        {
            if (slot < weight)
            {
                return backend;
            }

            slot -= weight;
        }

        throw new UnreachableException();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _client.Dispose();
    }
}
