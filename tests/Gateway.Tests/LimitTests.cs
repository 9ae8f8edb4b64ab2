using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Platform.Gateway.Tests.Support;

namespace Platform.Gateway.Tests;

public sealed class LimitTests : GatewayTestBase
{
    private const int OneMiB = 1024 * 1024;

    [Fact]
    public async Task Body_over_the_default_limit_gets_413_before_reaching_the_backend()
    {
        var gateway = StartGateway();

        using var response = await gateway.SendAsync(TestClient.Full, HttpMethod.Post, "/v1/agents", new ByteArrayContent(new byte[OneMiB + 1]));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var error = await AuthenticationTests.ErrorOf(response);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal("request_too_large", error.GetProperty("code").GetString());
        Assert.Equal(0, Agents.Requests);
    }

    [Fact]
    public async Task Chunked_body_over_the_limit_gets_413()
    {
        var gateway = StartGateway();
        var content = new StreamContent(new MemoryStream(new byte[2 * OneMiB]));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var request = TestClient.Full.Request(HttpMethod.Post, "/v1/agents", content);
        request.Headers.TransferEncodingChunked = true;

        using var response = await gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("request_too_large", (await AuthenticationTests.ErrorOf(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Large_body_within_the_route_limit_arrives_intact()
    {
        var gateway = StartGateway();
        var body = RandomNumberGenerator.GetBytes(4 * OneMiB - 1024);

        // The embeddings route allows 4 MiB; the same body is too large for the default 1 MiB routes.
        using var embeddings = await gateway.SendAsync(TestClient.Full, HttpMethod.Post, "/v1/embeddings", new ByteArrayContent(body));
        using var agents = await gateway.SendAsync(TestClient.Full, HttpMethod.Post, "/v1/agents", new ByteArrayContent(body));

        Assert.Equal(HttpStatusCode.OK, embeddings.StatusCode);
        var echo = await EchoReply.ReadAsync(embeddings);
        Assert.Equal(body.Length, echo.BodyBytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(body)), echo.BodySha256);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, agents.StatusCode);
    }

    [Fact]
    public async Task Headers_over_the_size_limit_get_431()
    {
        var gateway = StartGateway(Settings().With("Limits:MaxRequestHeadersTotalBytes", 4096));
        using var request = TestClient.Full.Request(HttpMethod.Get, "/v1/models");
        request.Headers.Add("X-Padding", new string('a', 8192));

        using var response = await gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
        Assert.Equal(0, Models.Requests);
    }

    [Fact]
    public async Task Route_timeout_answers_504_when_the_backend_does_not()
    {
        var gateway = StartGateway(Settings().With("ReverseProxy:Routes:runs:Timeout", "00:00:01"));

        using var response = await gateway.SendAsync(TestClient.Full, HttpMethod.Get, "/v1/runs/hold");

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("timeout_error", (await AuthenticationTests.ErrorOf(response)).GetProperty("type").GetString());
    }
}
