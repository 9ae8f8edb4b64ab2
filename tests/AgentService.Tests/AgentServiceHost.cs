using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults;
using Platform.TestSupport;

namespace Platform.AgentService.Tests;

/// <summary>
/// A real agent service on Kestrel against a real redis-server, with the scripted OpenAI-protocol server as its
/// models service. Timings are shortened so reclaim and deadlines happen within a test.
/// </summary>
public sealed class AgentServiceHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    public AgentServiceHost(string redis, string modelsBaseUrl, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["ConnectionStrings:redis"] = redis,
            [SignedCaller.KeySetting] = SignedCaller.Key,
            ["Models:BaseUrl"] = modelsBaseUrl,
            ["Runs:PollInterval"] = "00:00:00.050",
            ["Runs:VisibilityTimeout"] = "00:00:02",
            ["Runs:ReclaimInterval"] = "00:00:00.500",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            foreach (var (key, value) in all)
            {
                web.UseSetting(key, value);
            }

            if (services is not null)
            {
                web.ConfigureTestServices(services);
            }
        });
        _factory.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        _factory.StartServer();
    }

    public IServiceProvider Services => _factory.Services;

    /// <summary>The Kestrel address this replica listens on (what a gateway routes to).</summary>
    public Uri Address => new(_factory.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
        .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First());

    /// <summary>
    /// A client that the gateway would have authenticated as <paramref name="clientId"/> (null: no identity): each
    /// request carries the identity signed with the test key, as the gateway signs it.
    /// </summary>
    public HttpClient ClientFor(string? clientId)
    {
        var client = clientId is null ? new HttpClient { BaseAddress = Address } : SignedCaller.Client(Address, clientId);
        client.Timeout = TimeSpan.FromMinutes(2);
        return client;
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();
}

/// <summary>Small helpers that keep the tests readable.</summary>
public static class Api
{
    public static async Task<JsonNode> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) ?? throw new InvalidOperationException($"Empty body ({(int)response.StatusCode}).");
    }

    public static async Task<JsonNode> PostJsonAsync(this HttpClient client, string path, object body, int expectedStatus = 0)
    {
        var response = await client.PostAsJsonAsync(path, body);
        var json = await response.JsonAsync();
        if (expectedStatus != 0 && (int)response.StatusCode != expectedStatus)
        {
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {json.ToJsonString()}");
        }

        return json;
    }

    public static async Task<string> CreateAgentAsync(this HttpClient client, object? tools = null, object? limits = null, string instructions = "Be helpful.", string model = "test-model")
    {
        var agent = await client.PostJsonAsync("/v1/agents", new { name = "helper", instructions, model, tools = tools ?? Array.Empty<object>(), limits }, 201);
        return agent["id"]!.GetValue<string>();
    }

    public static async Task<string> CreateThreadAsync(this HttpClient client) =>
        (await client.PostJsonAsync("/v1/threads", new { }, 201))["id"]!.GetValue<string>();

    public static async Task<JsonNode> GetJsonAsync(this HttpClient client, string path) =>
        await (await client.GetAsync(path)).JsonAsync();

    public static async Task<JsonNode> WaitForStatusAsync(this HttpClient client, string runId, params string[] statuses)
    {
        JsonNode run = new JsonObject();
        var reached = await Eventually.HoldsAsync(async () =>
        {
            run = await client.GetJsonAsync($"/v1/runs/{runId}");
            return statuses.Contains(run["status"]?.GetValue<string>());
        }, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(100));
        Assert.True(reached, $"Run {runId} did not reach {string.Join("/", statuses)}; it is {run.ToJsonString()}");
        return run;
    }

    /// <summary>Reads a whole SSE response into (id, event, data) records.</summary>
    public static async Task<IReadOnlyList<SseEvent>> ReadSseAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        var events = new List<SseEvent>();
        foreach (var block in text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            string? id = null, type = null, data = null;
            foreach (var line in block.Split('\n'))
            {
                if (line.StartsWith("id: ", StringComparison.Ordinal)) id = line[4..];
                else if (line.StartsWith("event: ", StringComparison.Ordinal)) type = line[7..];
                else if (line.StartsWith("data: ", StringComparison.Ordinal)) data = line[6..];
            }

            if (type is not null)
            {
                events.Add(new SseEvent(id!, type, JsonNode.Parse(data!)!));
            }
        }

        return events;
    }

    public static string Status(this SseEvent e) => e.Data["status"]?.GetValue<string>() ?? "";

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);
}

public sealed record SseEvent(string Id, string Type, JsonNode Data);
