using System.Net;
using Platform.Gateway.Tests.Support;
using Platform.TestSupport;

namespace Platform.Gateway.Tests;

public sealed class ApiReferenceTests : GatewayTestBase
{
    [Fact]
    public async Task Development_serves_the_public_api_document_and_its_reference_page()
    {
        var gateway = StartGateway();

        var document = await gateway.Client.GetStringAsync("/openapi/v1.json");
        using var page = await gateway.Client.GetAsync("/scalar/v1");

        Assert.Equal(await File.ReadAllTextAsync(RepositoryRoot.Combine("docs", "openapi.json")), document);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Outside_development_neither_the_document_nor_the_page_is_served()
    {
        var gateway = StartGateway(Settings().With("environment", "Production"));

        using var document = await gateway.Client.GetAsync("/openapi/v1.json");
        using var page = await gateway.Client.GetAsync("/scalar/v1");

        Assert.Equal(HttpStatusCode.NotFound, document.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
    }
}
