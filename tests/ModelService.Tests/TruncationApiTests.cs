using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.ModelService.Tests;

/// <summary>Over-long input through HTTP: truncated like the reference by default, or refused when configured so.</summary>
public sealed class TruncationApiTests(DefaultModelService service) : IClassFixture<DefaultModelService>
{
    [Fact]
    public async Task Over_long_input_is_embedded_like_the_reference_and_usage_counts_the_tokens_the_model_saw()
    {
        var cases = ReferenceFixtures.OfClass("truncation");

        var response = await service.Host.Client.PostAsJsonAsync("/v1/embeddings", new { model = ModelServiceHost.EmbeddingModel, input = cases.Select(item => item.Text) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(cases.Sum(item => item.Ids.Length), body.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.True(cases.Sum(item => item.UntruncatedLength) > cases.Sum(item => item.Ids.Length)); // some were truncated
        var vectors = body.GetProperty("data").EnumerateArray().Select(item => item.GetProperty("embedding").EnumerateArray().Select(value => value.GetSingle()).ToArray()).ToList();
        Assert.All(cases.Select((item, i) => Vectors.Cosine(item.Vector, vectors[i])), cosine => Assert.True(cosine > 0.99999, $"cosine {cosine}"));
    }

    [Fact]
    public async Task With_rejection_on_an_over_long_input_gets_400_context_length_exceeded_and_others_still_work()
    {
        await using var host = await ModelServiceHost.StartAsync(new Dictionary<string, string?> { [ModelServiceHost.ModelSettings + "RejectOverlongInput"] = "true" });
        var longest = ReferenceFixtures.OfClass("truncation").First(item => item.UntruncatedLength > 256);
        var fitting = ReferenceFixtures.OfClass("truncation").Last(item => item.UntruncatedLength == 256);

        var rejected = await host.Client.PostAsJsonAsync("/v1/embeddings", new { model = ModelServiceHost.EmbeddingModel, input = new[] { "short", longest.Text } });
        var accepted = await host.Client.PostAsJsonAsync("/v1/embeddings", new { model = ModelServiceHost.EmbeddingModel, input = fitting.Text });

        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        var error = (await rejected.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        Assert.Equal("context_length_exceeded", error.GetProperty("code").GetString());
        Assert.Equal("input[1]", error.GetProperty("param").GetString());
        Assert.Contains("256", error.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(256, (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
    }
}
