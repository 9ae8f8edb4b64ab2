using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Platform.TestSupport;

namespace Platform.Monitoring.Tests;

/// <summary>
/// The whole platform (AppHost graph, chat provider played by a scripted OpenAI-protocol server), some
/// traffic of every kind through the gateway, and a real Prometheus scraping the three services' <c>/metrics</c>
/// with the rule files of <c>deploy/monitoring/rules</c> loaded.
/// </summary>
public sealed class MonitoredPlatformFixture : IAsyncLifetime
{
    public const string DevelopmentKey = "dev-key-platform-local";
    public static readonly string[] Services = ["gateway", "models", "agents"];

    public ScriptedLlmServer Llm { get; private set; } = null!;

    public DistributedApplication App { get; private set; } = null!;

    public PrometheusServer Prometheus { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Llm = await ScriptedLlmServer.StartAsync();
        Llm.WhenQueueEmpty = Answer;

        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [$"ConnectionStrings:llm=Endpoint={Llm.BaseUrl};Key=test-key;Model=scripted-model", "LocalState:Persist=false"]);
        App = await builder.BuildAsync();
        using var start = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await App.StartAsync(start.Token);
        foreach (var resource in new[] { "redis", "models", "agents", "gateway" })
        {
            await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, start.Token);
        }

        Prometheus = await PrometheusServer.StartAsync(
            Services.ToDictionary(service => service, service => new[] { App.GetEndpoint(service, "http").Authority }),
            MonitoringAssets.RuleFiles);

        await DriveTrafficAsync();

        // Two scrapes after the traffic, and a rule evaluation over them, make every rate() defined.
        var scraped = await Eventually.HoldsAsync(async () =>
            (await Prometheus.QueryAsync("platform_agents_runs_total")).Length > 0
            && (await Prometheus.QueryAsync("gateway:http_requests:rate5m")).Length > 0
            && (await Prometheus.QueryAsync("count_over_time(up{job=\"gateway\"}[1m]) > 4")).Length > 0,
            TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(1));
        Assert.True(scraped, $"Prometheus did not collect the platform's metrics:\n{Prometheus.Output}");
        await Task.Delay(TimeSpan.FromSeconds(3));
    }

    /// <summary>The scripted model: asks for the current time when it may, then answers.</summary>
    private static ScriptedReply Answer(ScriptedRequest request)
    {
        var last = request.Messages.LastOrDefault();
        var offersClock = request.Body["tools"]?.AsArray().Any(tool => tool?["function"]?["name"]?.GetValue<string>() == "current_time") == true;
        return last?["role"]?.GetValue<string>() == "tool" || !offersClock
            ? ScriptedReply.Say("The platform answered.")
            : ScriptedReply.Call("current_time", "{}");
    }

    private async Task DriveTrafficAsync()
    {
        using var gateway = App.CreateHttpClient("gateway");
        gateway.Timeout = TimeSpan.FromMinutes(2);
        gateway.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevelopmentKey);

        (await gateway.GetAsync("/v1/models")).EnsureSuccessStatusCode();
        for (var i = 0; i < 5; i++)
        {
            (await gateway.PostAsJsonAsync("/v1/embeddings", new { model = "all-minilm-l6-v2", input = $"sentence number {i}" })).EnsureSuccessStatusCode();
        }

        (await gateway.PostAsJsonAsync("/v1/embeddings", new { model = "all-minilm-l6-v2", input = Enumerable.Range(0, 8).Select(i => $"batch {i}").ToArray() })).EnsureSuccessStatusCode();

        var chat = new { model = "scripted-model", messages = new[] { new { role = "user", content = "hello" } } };
        (await gateway.PostAsJsonAsync("/v1/chat/completions", chat)).EnsureSuccessStatusCode();
        using (var streamed = await gateway.PostAsJsonAsync("/v1/chat/completions", new { chat.model, chat.messages, stream = true }))
        {
            streamed.EnsureSuccessStatusCode();
            await streamed.Content.ReadAsStringAsync();
        }

        // Rejections the gateway counts by reason: no key, and a body over the limit.
        using (var anonymous = App.CreateHttpClient("gateway"))
        {
            Assert.Equal(401, (int)(await anonymous.GetAsync("/v1/models")).StatusCode);
        }

        Assert.Equal(413, (int)(await gateway.PostAsync("/v1/embeddings", new StringContent(new string('x', 5 * 1024 * 1024), System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(404, (int)(await gateway.GetAsync("/v1/models/no-such-model")).StatusCode);

        // An agent run that calls a tool and finishes; a knowledge collection embedded by the models service.
        var agent = await PostAsync(gateway, "/v1/agents", new JsonObject
        {
            ["name"] = "clock",
            ["instructions"] = "Tell the time.",
            ["model"] = "scripted-model",
            ["tools"] = new JsonArray(new JsonObject { ["type"] = "current_time" }),
        });
        var thread = await PostAsync(gateway, "/v1/threads", new JsonObject());
        var run = await PostAsync(gateway, $"/v1/threads/{thread.GetProperty("id").GetString()}/runs", new JsonObject
        {
            ["agent_id"] = agent.GetProperty("id").GetString(),
            ["input"] = "What time is it?",
        });
        var runId = run.GetProperty("id").GetString();
        Assert.True(await Eventually.HoldsAsync(async () =>
            (await gateway.GetFromJsonAsync<JsonElement>($"/v1/runs/{runId}")).GetProperty("status").GetString() == "succeeded",
            TimeSpan.FromSeconds(60)), $"run {runId} did not succeed");

        var collection = await PostAsync(gateway, "/v1/knowledge", new JsonObject { ["name"] = "handbook" });
        var collectionId = collection.GetProperty("id").GetString();
        await PostAsync(gateway, $"/v1/knowledge/{collectionId}/documents", new JsonObject { ["text"] = "Redis keeps the platform's state. The gateway is the only public entry." });
        await PostAsync(gateway, $"/v1/knowledge/{collectionId}/search", new JsonObject { ["query"] = "where is state kept?" });
    }

    private static async Task<JsonElement> PostAsync(HttpClient client, string path, JsonObject body)
    {
        using var response = await client.PostAsync(path, new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task DisposeAsync()
    {
        if (Prometheus is not null)
        {
            await Prometheus.DisposeAsync();
        }

        if (App is not null)
        {
            await App.DisposeAsync();
        }

        if (Llm is not null)
        {
            await Llm.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class MonitoredPlatformCollection : ICollectionFixture<MonitoredPlatformFixture>
{
    public const string Name = "monitored-platform";
}
