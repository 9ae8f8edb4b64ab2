using System.Net;
using System.Net.Http.Json;
using Platform.TestSupport;

namespace Platform.AgentService.Tests;

public sealed class KnowledgeTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private const string Cats = "Cats sleep for most of the day, often twelve to sixteen hours, and hunt at dawn and dusk.";
    private const string Redis = "Redis streams keep an append-only log; consumer groups share the entries between workers.";
    private const string Bread = "Sourdough bread rises slowly because wild yeast and lactic bacteria ferment the dough.";

    private readonly HttpClient _client = fixture.Host.ClientFor("client-knowledge");

    [Fact]
    public async Task Search_returns_the_most_similar_chunks_first_with_scores()
    {
        var collection = await CreateCollectionWithAsync(Cats, Redis, Bread);

        var results = (await _client.PostJsonAsync($"/v1/knowledge/{collection}/search", new { query = "how long do cats sleep", top_k = 2 }, 200))["data"]!.AsArray();

        Assert.Equal(2, results.Count);
        Assert.Equal(Cats, results[0]!["text"]!.GetValue<string>());
        Assert.True(results[0]!["score"]!.GetValue<float>() > results[1]!["score"]!.GetValue<float>());
        Assert.Equal("doc", results[0]!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Document_added_after_a_search_is_found_by_the_next_search()
    {
        var collection = await CreateCollectionWithAsync(Bread);
        var before = (await _client.PostJsonAsync($"/v1/knowledge/{collection}/search", new { query = "cats sleep", top_k = 1 }, 200))["data"]![0]!;

        await _client.PostJsonAsync($"/v1/knowledge/{collection}/documents", new { text = Cats }, 201);
        var after = (await _client.PostJsonAsync($"/v1/knowledge/{collection}/search", new { query = "cats sleep", top_k = 1 }, 200))["data"]![0]!;

        Assert.Equal(Bread, before["text"]!.GetValue<string>());
        Assert.Equal(Cats, after["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Long_document_is_split_into_overlapping_chunks()
    {
        var collection = (await _client.PostJsonAsync("/v1/knowledge", new { name = "long" }, 201))["id"]!.GetValue<string>();
        var words = string.Join(' ', Enumerable.Range(0, 200).Select(i => $"word{i}"));

        var document = await _client.PostJsonAsync($"/v1/knowledge/{collection}/documents", new { text = words }, 201);

        var chunks = document["chunks"]!.GetValue<int>();
        Assert.True(chunks > 1);
        var hits = (await _client.PostJsonAsync($"/v1/knowledge/{collection}/search", new { query = "word100", top_k = 20 }, 200))["data"]!.AsArray();
        Assert.Contains("word100", hits[0]!["text"]!.GetValue<string>());
        Assert.Equal(chunks, (await _client.GetJsonAsync($"/v1/knowledge/{collection}"))["chunks"]!.GetValue<int>());
    }

    [Fact]
    public async Task Oversized_document_gets_413_and_empty_text_400()
    {
        var collection = (await _client.PostJsonAsync("/v1/knowledge", new { name = "limits" }, 201))["id"]!.GetValue<string>();

        var huge = await _client.PostAsJsonAsync($"/v1/knowledge/{collection}/documents", new { text = new string('a', 5001) });
        var empty = await _client.PostAsJsonAsync($"/v1/knowledge/{collection}/documents", new { text = " " });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("text", (await empty.JsonAsync())["error"]!["param"]!.GetValue<string>());
    }

    [Fact]
    public async Task Agent_with_knowledge_search_finds_passages_for_the_model()
    {
        var collection = await CreateCollectionWithAsync(Cats, Redis, Bread);
        var agent = await _client.CreateAgentAsync(tools: new[] { new { type = "knowledge_search", collection_id = collection } });
        var thread = await _client.CreateThreadAsync();
        var before = fixture.Llm.ChatRequests.Count;
        fixture.Llm.Enqueue(ScriptedReply.Call("knowledge_search", """{"query":"consumer groups of redis streams","top_k":1}"""), ScriptedReply.Say("Found it."));

        var run = await _client.PostJsonAsync($"/v1/threads/{thread}/runs", new { agent_id = agent, input = "What are consumer groups?" }, 200);

        Assert.Equal("succeeded", run["status"]!.GetValue<string>());
        var toolMessage = fixture.Llm.ChatRequests[before + 1].Messages.Single(m => m["role"]!.GetValue<string>() == "tool");
        Assert.Contains("consumer groups share the entries", toolMessage["content"]!.ToString());
        Assert.DoesNotContain("Sourdough", toolMessage["content"]!.ToString());
    }

    private async Task<string> CreateCollectionWithAsync(params string[] documents)
    {
        var collection = (await _client.PostJsonAsync("/v1/knowledge", new { name = "notes" }, 201))["id"]!.GetValue<string>();
        foreach (var text in documents)
        {
            await _client.PostJsonAsync($"/v1/knowledge/{collection}/documents", new { text, title = "doc" }, 201);
        }

        return collection;
    }
}
