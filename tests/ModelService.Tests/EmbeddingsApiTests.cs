using System.Net;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Platform.ModelService.Tests;

public sealed class EmbeddingsApiTests(DefaultModelService service) : IClassFixture<DefaultModelService>
{
    private HttpClient Client => service.Host.Client;

    [Fact]
    public async Task String_input_gets_one_normalised_vector_equal_to_the_models_own()
    {
        var response = await PostAsync(new { model = "all-minilm-l6-v2", input = "The cat sits on the mat." });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("list", body.GetProperty("object").GetString());
        Assert.Equal("all-minilm-l6-v2", body.GetProperty("model").GetString());
        var item = Assert.Single(body.GetProperty("data").EnumerateArray());
        Assert.Equal("embedding", item.GetProperty("object").GetString());
        var vector = item.GetProperty("embedding").EnumerateArray().Select(value => value.GetSingle()).ToArray();
        Assert.Equal(384, vector.Length);

        var model = service.Host.Model.Model;
        var direct = model.Embed([model.Tokenizer.Tokenize("The cat sits on the mat.")])[0];
        Assert.True(Vectors.Cosine(direct, vector) > 0.99999);
    }

    [Fact]
    public async Task Array_input_gets_one_vector_per_item_in_order()
    {
        string[] inputs = ["A man is playing a guitar.", "The stock market fell sharply.", "Someone plays an acoustic guitar."];
        var response = await PostAsync(new { model = "all-minilm-l6-v2", input = inputs });

        var data = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").EnumerateArray().ToList();
        Assert.Equal([0, 1, 2], data.Select(item => item.GetProperty("index").GetInt32()));
        var vectors = data.Select(item => item.GetProperty("embedding").EnumerateArray().Select(value => value.GetSingle()).ToArray()).ToList();
        Assert.True(Vectors.Cosine(vectors[0], vectors[2]) > Vectors.Cosine(vectors[0], vectors[1]) + 0.3);
    }

    [Fact]
    public async Task Base64_encoding_carries_the_same_float_vector()
    {
        var asFloats = await EmbeddingAsync("float");
        var asBase64 = await EmbeddingAsync("base64");

        var decoded = MemoryMarshal.Cast<byte, float>(Convert.FromBase64String(asBase64.GetString()!)).ToArray();
        Assert.Equal(asFloats.EnumerateArray().Select(value => value.GetSingle()), decoded);
    }

    [Fact]
    public async Task Usage_counts_tokens_from_the_tokenizer()
    {
        var response = await PostAsync(new { model = "all-minilm-l6-v2", input = new[] { "Hello world", "Hello" } });

        var usage = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("usage");
        Assert.Equal(4 + 3, usage.GetProperty("prompt_tokens").GetInt32()); // [CLS] hello world [SEP] + [CLS] hello [SEP]
        Assert.Equal(7, usage.GetProperty("total_tokens").GetInt32());
    }

    [Theory]
    [InlineData("""{"model":"all-minilm-l6-v2","input":"unterminated""", "input")]
    [InlineData("""[1,2,3]""", null)]
    [InlineData("""{"input":"no model"}""", "model")]
    [InlineData("""{"model":42,"input":"x"}""", "model")]
    [InlineData("""{"model":"all-minilm-l6-v2"}""", "input")]
    [InlineData("""{"model":"all-minilm-l6-v2","input":42}""", "input")]
    [InlineData("""{"model":"all-minilm-l6-v2","input":""}""", "input")]
    [InlineData("""{"model":"all-minilm-l6-v2","input":[]}""", "input")]
    [InlineData("""{"model":"all-minilm-l6-v2","input":["ok","  "]}""", "input[1]")]
    [InlineData("""{"model":"all-minilm-l6-v2","input":["ok",7]}""", "input[1]")]
    [InlineData("""{"model":"all-minilm-l6-v2","input":[[101,102]]}""", "input[0]")]
    [InlineData("""{"model":"all-minilm-l6-v2","input":"x","encoding_format":"int8"}""", "encoding_format")]
    [InlineData("""{"model":"all-minilm-l6-v2","input":"x","dimensions":128}""", "dimensions")]
    public async Task Bad_input_gets_400_naming_the_parameter(string json, string? param)
    {
        var response = await Client.PostAsync("/v1/embeddings", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.Equal(param, error.GetProperty("param").GetString());
    }

    [Fact]
    public async Task Too_many_inputs_get_400_naming_the_limit()
    {
        var response = await PostAsync(new { model = "all-minilm-l6-v2", input = Enumerable.Repeat("x", 257).ToArray() });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        Assert.Equal("too_many_inputs", error.GetProperty("code").GetString());
        Assert.Contains("256", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Unknown_model_gets_404_model_not_found()
    {
        var response = await PostAsync(new { model = "no-such-model", input = "x" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        Assert.Equal("model_not_found", error.GetProperty("code").GetString());
        Assert.Equal("model", error.GetProperty("param").GetString());
    }

    [Fact]
    public async Task Body_over_the_limit_gets_413_and_the_service_keeps_serving()
    {
        // Just over the 4 MiB default: the whole body is written before the server answers, so the client reads the
        // 413 instead of racing a connection the server closes while a larger upload is still being sent.
        var huge = new string('a', 4 * 1024 * 1024 + 4096);
        var response = await Client.PostAsync("/v1/embeddings", new StringContent($$"""{"model":"all-minilm-l6-v2","input":"{{huge}}"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        Assert.Equal("request_too_large", error.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(new { model = "all-minilm-l6-v2", input = "still here" })).StatusCode);
    }

    [Fact]
    public async Task Chunked_body_over_the_limit_gets_413()
    {
        // Just over the 4 MiB default: the whole body is written before the server answers, so the client reads the
        // 413 instead of racing a connection the server closes while a larger upload is still being sent.
        var huge = new string('a', 4 * 1024 * 1024 + 4096);
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes($$"""{"model":"all-minilm-l6-v2","input":"{{huge}}"}""")));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/embeddings") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    private Task<HttpResponseMessage> PostAsync(object body) => Client.PostAsJsonAsync("/v1/embeddings", body);

    private async Task<JsonElement> EmbeddingAsync(string format)
    {
        var response = await PostAsync(new { model = "all-minilm-l6-v2", input = "Encode me twice.", encoding_format = format });
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data")[0].GetProperty("embedding");
    }
}
