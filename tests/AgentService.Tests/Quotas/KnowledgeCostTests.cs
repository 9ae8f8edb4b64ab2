using System.Net;
using System.Net.Http.Json;
using System.Text;
using Platform.AgentService.Tests.ThroughGateway;
using Platform.ServiceDefaults.Tenancy;

namespace Platform.AgentService.Tests.Quotas;

/// <summary>
/// What one upload may cost (the fixture allows 5,000 characters, 8 chunks per document, 10 per collection): too
/// long is refused before it is read whole, too many chunks before any embedding, and parallel uploads cannot pass
/// the collection's cap together.
/// </summary>
public sealed class KnowledgeCostTests(TenantsFixture fixture) : IClassFixture<TenantsFixture>
{
    // Distinct words, a few chunks at the fixture's 100-token chunks.
    private static string Document(int n) => string.Join(' ', Enumerable.Range(0, 40).Select(i => $"word{n}x{i}")) + ".";

    private int Embeddings => fixture.Llm.Requests.Count(r => r.Path.EndsWith("/embeddings", StringComparison.Ordinal));

    [Fact]
    public async Task A_body_longer_than_the_document_limit_allows_is_refused_with_413_while_it_arrives()
    {
        var (_, client) = await fixture.NewTenantAsync();
        var collection = (await client.PostJsonAsync("/v1/knowledge", new { name = "docs" }, 201))["id"]!.GetValue<string>();
        var text = new string('a', 300_000);
        // Streamed without a length, so the service only learns the size by reading.
        var body = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes($$"""{"text":"{{text}}"}""")));
        body.Headers.ContentType = new("application/json");

        var response = await client.PostAsync($"/v1/knowledge/{collection}/documents", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("request_too_large", (await response.JsonAsync())["error"]!["code"]!.GetValue<string>());
        Assert.Equal(0, (await client.GetJsonAsync($"/v1/knowledge/{collection}"))["chunks"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_document_making_more_chunks_than_allowed_gets_413_before_any_embedding()
    {
        var (_, client) = await fixture.NewTenantAsync();
        var collection = (await client.PostJsonAsync("/v1/knowledge", new { name = "docs" }, 201))["id"]!.GetValue<string>();
        var embeddings = Embeddings;

        var response = await client.PostAsJsonAsync($"/v1/knowledge/{collection}/documents", new { text = string.Join(' ', Enumerable.Range(1, 6).Select(Document)) });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("text", (await response.JsonAsync())["error"]!["param"]!.GetValue<string>());
        Assert.Equal(embeddings, Embeddings);
    }

    [Fact]
    public async Task Parallel_uploads_cannot_pass_the_collection_chunk_cap_together()
    {
        var (_, client) = await fixture.NewTenantAsync();
        var collection = (await client.PostJsonAsync("/v1/knowledge", new { name = "docs" }, 201))["id"]!.GetValue<string>();
        var perDocument = (await client.PostJsonAsync($"/v1/knowledge/{collection}/documents", new { text = Document(0), title = "kept" }, 201))["chunks"]!.GetValue<int>();
        Assert.True(perDocument * 9 > 10, "the uploads together must be more than the cap");

        var uploads = await Task.WhenAll(Enumerable.Range(1, 8).Select(n => client.PostAsJsonAsync($"/v1/knowledge/{collection}/documents", new { text = Document(n) })));

        var accepted = uploads.Count(r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(uploads.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.RequestEntityTooLarge, r.StatusCode));
        var chunks = (await client.GetJsonAsync($"/v1/knowledge/{collection}"))["chunks"]!.GetValue<int>();
        Assert.InRange(chunks, 1, 10);
        Assert.Equal(perDocument * (accepted + 1), chunks);
        var hits = await client.PostJsonAsync($"/v1/knowledge/{collection}/search", new { query = Document(0), top_k = 10 }, 200);
        Assert.True(hits["data"]!.AsArray().Any(h => h!["title"]?.GetValue<string>() == "kept"), hits.ToJsonString());
    }

    [Fact]
    public async Task Documents_beyond_the_quota_get_403_naming_documents()
    {
        var (_, client) = await fixture.NewTenantAsync((TenantQuota.Documents, 1));
        var collection = (await client.PostJsonAsync("/v1/knowledge", new { name = "docs" }, 201))["id"]!.GetValue<string>();
        await client.PostJsonAsync($"/v1/knowledge/{collection}/documents", new { text = "A first small document." }, 201);

        var refused = await client.PostAsJsonAsync($"/v1/knowledge/{collection}/documents", new { text = "A second small document." });

        await refused.AssertQuotaExceededAsync(HttpStatusCode.Forbidden, "documents");
        // Deleting the collection gives its documents back.
        await client.DeleteAsync($"/v1/knowledge/{collection}");
        var fresh = (await client.PostJsonAsync("/v1/knowledge", new { name = "docs" }, 201))["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"/v1/knowledge/{fresh}/documents", new { text = "Room again." })).StatusCode);
    }
}
