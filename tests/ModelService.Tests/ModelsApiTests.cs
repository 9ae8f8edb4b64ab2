using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.ModelService.Tests;

public sealed class ModelsApiTests(DefaultModelService service) : IClassFixture<DefaultModelService>
{
    [Fact]
    public async Task Model_list_names_the_embedding_model()
    {
        var body = await service.Host.Client.GetFromJsonAsync<JsonElement>("/v1/models");

        Assert.Equal("list", body.GetProperty("object").GetString());
        var model = Assert.Single(body.GetProperty("data").EnumerateArray());
        Assert.Equal("all-minilm-l6-v2", model.GetProperty("id").GetString());
        Assert.Equal("model", model.GetProperty("object").GetString());
        Assert.Equal("embedding", model.GetProperty("kind").GetString());
        Assert.Equal("embedded-onnx", model.GetProperty("provider").GetString());
    }

    [Fact]
    public async Task Model_lookup_by_id_describes_it()
    {
        var model = await service.Host.Client.GetFromJsonAsync<JsonElement>("/v1/models/all-minilm-l6-v2");

        Assert.Equal("all-minilm-l6-v2", model.GetProperty("id").GetString());
        Assert.True(model.GetProperty("created").GetInt64() > 0);
    }

    [Fact]
    public async Task Unknown_model_lookup_gets_404_openai_error()
    {
        var response = await service.Host.Client.GetAsync("/v1/models/gpt-nothing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        Assert.Equal("model_not_found", error.GetProperty("code").GetString());
        Assert.Equal("not_found_error", error.GetProperty("type").GetString());
    }
}
