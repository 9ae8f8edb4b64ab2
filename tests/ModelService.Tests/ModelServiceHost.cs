using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Platform.ModelService.Embeddings;
using Platform.TestSupport;

namespace Platform.ModelService.Tests;

/// <summary>
/// The model service on Kestrel at a loopback port, with settings of the test's choosing, and its own redis-server
/// (usage counters and token quotas).
/// </summary>
public sealed class ModelServiceHost : IAsyncDisposable
{
    public const string EmbeddingModel = "all-minilm-l6-v2";
    public const string ModelSettings = "ModelServing:EmbeddingModels:" + EmbeddingModel + ":";

    public const string TestCallerId = "model-tests";

    private readonly WebApplicationFactory<Program> _factory;
    private readonly RedisServer _redis;

    private ModelServiceHost(WebApplicationFactory<Program> factory, HttpClient client, RedisServer redis)
    {
        _factory = factory;
        Client = client;
        _redis = redis;
    }

    public RedisServer Redis => _redis;

    public HttpClient Client { get; }

    public Uri BaseAddress => Client.BaseAddress!;

    public IServiceProvider Services => _factory.Services;

    public EmbeddingModelHost Model => Services.GetRequiredService<EmbeddingModels>().Find(EmbeddingModel)!;

    public static WebApplicationFactory<Program> CreateFactory(string redis, IReadOnlyDictionary<string, string?>? settings = null) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("ConnectionStrings:redis", redis);
            web.UseSetting(SignedCaller.KeySetting, SignedCaller.Key);
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                web.UseSetting(key, value);
            }
        });

    public static async Task<ModelServiceHost> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, bool waitUntilReady = true)
    {
        var redis = await RedisServer.StartAsync();
        var factory = CreateFactory(redis.ConnectionString, settings);
        try
        {
            // An explicit loopback listener on port 0: a dynamic port, so hosts never collide.
            factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            factory.StartServer();
        }
        catch
        {
            await redis.DisposeAsync();
            throw;
        }

        // Every call is signed as the gateway would sign it for one client (ModelService requires an identity).
        var address = new Uri(factory.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First());
        var client = SignedCaller.Client(address, TestCallerId);
        var host = new ModelServiceHost(factory, client, redis);
        if (waitUntilReady && !await Eventually.HoldsAsync(async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(120)))
        {
            throw new InvalidOperationException("The model service did not become ready: " + await client.GetStringAsync("/health/ready"));
        }

        return host;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
        await _redis.DisposeAsync();
    }
}

/// <summary>One service with default settings, shared by the tests that need nothing special.</summary>
public sealed class DefaultModelService : IAsyncLifetime
{
    public ModelServiceHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await ModelServiceHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
