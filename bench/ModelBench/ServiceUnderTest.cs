using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Platform.ModelService.Embeddings;
using Platform.TestSupport;

namespace Platform.ModelBench;

/// <summary>
/// The model service running in this process on Kestrel at a loopback port, as in production: with its own
/// redis-server, so every request is metered and checked against the token quotas.
/// </summary>
internal sealed class ServiceUnderTest : IAsyncDisposable
{
    public const string Model = "all-minilm-l6-v2";

    private readonly WebApplicationFactory<Program> _factory;
    private readonly RedisServer _redis;

    private ServiceUnderTest(WebApplicationFactory<Program> factory, HttpClient client, RedisServer redis)
    {
        _factory = factory;
        Client = client;
        _redis = redis;
    }

    public HttpClient Client { get; }

    public EmbeddingModelHost ModelHost => _factory.Services.GetRequiredService<EmbeddingModels>().Find(Model)!;

    public static async Task<ServiceUnderTest> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var redis = await RedisServer.StartAsync();
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("ConnectionStrings:redis", redis.ConnectionString);
            // The benchmark measures serving, not quotas: one client sends far more than a tenant's default minute.
            web.UseSetting("Usage:TokensPerMinute", "1000000000000");
            web.UseSetting("Usage:TokensPerDay", "1000000000000");
            web.UseSetting("Logging:LogLevel:Default", "Warning");
            // Readiness polling during start-up logs every unready answer as an error; not news here.
            web.UseSetting("Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks", "None");
            web.UseEnvironment("Production");
            web.UseSetting(SignedCaller.KeySetting, SignedCaller.Key);
            foreach (var (key, value) in settings)
            {
                web.UseSetting($"ModelServing:EmbeddingModels:{Model}:{key}", value);
            }
        });
        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        factory.StartServer();

        var baseAddress = factory.CreateClient().BaseAddress!;
        // Signed as the gateway would sign it: the model service serves no call without an identity.
        var client = SignedCaller.Client(baseAddress, "model-bench",
            transport: new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) });
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while ((await client.GetAsync("/health/ready")).StatusCode != HttpStatusCode.OK)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The model service did not become ready.");
            }

            await Task.Delay(100);
        }

        return new ServiceUnderTest(factory, client, redis);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
        await _redis.DisposeAsync();
    }
}
