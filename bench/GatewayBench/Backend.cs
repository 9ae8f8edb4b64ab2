using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Platform.Bench.Gateway;

/// <summary>
/// The one backend every path reaches, a minimal Kestrel app: a small fixed JSON body for <c>GET /v1/models</c>,
/// the same after reading the whole body for <c>POST /v1/embeddings</c>, and an SSE stream of small chunks for
/// <c>POST /v1/chat/completions</c>.
/// </summary>
public sealed class Backend : IAsyncDisposable
{
    public const string ModelsPath = "/v1/models";
    public const string EmbeddingsPath = "/v1/embeddings";
    public const string ChatPath = "/v1/chat/completions";
    public const int StreamChunks = 64;

    private const string Body = """{"object":"list","data":[{"id":"all-minilm-l6-v2","object":"model","owned_by":"platform"}]}""";
    private static readonly byte[] Chunk = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"token \"}}]}\n\n"u8.ToArray();
    private static readonly byte[] Done = "data: [DONE]\n\n"u8.ToArray();

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
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 4 * 1024 * 1024);
        var app = builder.Build();
        var backend = new Backend(app);
        app.MapGet("/health/ready", () => "ready");
        app.MapGet(ModelsPath, () =>
        {
            Interlocked.Increment(ref backend._requests);
            return Results.Text(Body, "application/json");
        });
        app.MapPost(EmbeddingsPath, async (HttpRequest request) =>
        {
            Interlocked.Increment(ref backend._requests);
            await request.Body.CopyToAsync(Stream.Null);
            return Results.Text(Body, "application/json");
        });
        app.MapPost(ChatPath, async (HttpContext context) =>
        {
            Interlocked.Increment(ref backend._requests);
            await context.Request.Body.CopyToAsync(Stream.Null);
            context.Response.ContentType = "text/event-stream";
            for (var i = 0; i < StreamChunks; i++)
            {
                await context.Response.Body.WriteAsync(Chunk);
                await context.Response.Body.FlushAsync();
            }

            await context.Response.Body.WriteAsync(Done);
        });
        await app.StartAsync();
        backend.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return backend;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
