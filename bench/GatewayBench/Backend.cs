using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Platform.Bench.Gateway;

/// <summary>The one backend every path reaches: a minimal Kestrel app answering a small fixed JSON body.</summary>
public sealed class Backend : IAsyncDisposable
{
    public const string Path = "/v1/models";

    private const string Body = """{"object":"list","data":[{"id":"all-minilm-l6-v2","object":"model","owned_by":"platform"}]}""";

    private readonly WebApplication _app;
    private long _requests;

    private Backend(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;

    public long Requests => Interlocked.Read(ref _requests);

    public static async Task<Backend> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var backend = new Backend(app);
        app.MapGet("/health/ready", () => "ready");
        app.MapGet(Path, () =>
        {
            Interlocked.Increment(ref backend._requests);
            return Results.Text(Body, "application/json");
        });
        await app.StartAsync();
        backend.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return backend;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
