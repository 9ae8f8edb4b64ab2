using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Gateway.Tests.Support;
using Platform.ServiceDefaults;

namespace Platform.Gateway.Tests;

public sealed class AuthenticationTests : GatewayTestBase
{
    [Fact]
    public async Task Unauthenticated_request_gets_401_with_an_OpenAI_error_and_a_challenge()
    {
        var gateway = StartGateway();

        using var response = await gateway.Client.GetAsync("/v1/models");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString());
        var error = await ErrorOf(response);
        Assert.Equal("authentication_error", error.GetProperty("type").GetString());
        Assert.Equal("invalid_api_key", error.GetProperty("code").GetString());
        Assert.Equal(0, Models.Requests);
    }

    [Fact]
    public async Task Wrong_api_key_gets_401()
    {
        var gateway = StartGateway();
        var stranger = new TestClient("stranger", "not-a-configured-key", "models");

        using var response = await gateway.SendAsync(stranger, HttpMethod.Get, "/v1/models");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal("Incorrect API key provided.", (await ErrorOf(response)).GetProperty("message").GetString());
        Assert.Equal(0, Models.Requests);
    }

    [Fact]
    public async Task Key_without_the_route_scope_gets_403()
    {
        var gateway = StartGateway();

        using var response = await gateway.SendAsync(TestClient.ModelsOnly, HttpMethod.Get, "/v1/agents");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("insufficient_scope", response.Headers.WwwAuthenticate.ToString());
        var error = await ErrorOf(response);
        Assert.Equal("permission_error", error.GetProperty("type").GetString());
        Assert.Contains("agents", error.GetProperty("message").GetString());
        Assert.Equal(0, Agents.Requests);
    }

    [Fact]
    public async Task Key_in_the_api_key_header_or_as_bearer_reaches_the_backend()
    {
        var gateway = StartGateway();

        using var bearer = await gateway.SendAsync(TestClient.ModelsOnly, HttpMethod.Get, "/v1/models");
        using var apiKeyRequest = new HttpRequestMessage(HttpMethod.Get, "/v1/embeddings");
        apiKeyRequest.Headers.Add("api-key", TestClient.ModelsOnly.Key);
        using var apiKey = await gateway.Client.SendAsync(apiKeyRequest);

        Assert.Equal(HttpStatusCode.OK, bearer.StatusCode);
        Assert.Equal("/v1/models", (await EchoReply.ReadAsync(bearer)).Path);
        Assert.Equal(HttpStatusCode.OK, apiKey.StatusCode);
        Assert.Equal(2, Models.Requests);
    }

    [Fact]
    public async Task Every_public_route_reaches_its_cluster()
    {
        var gateway = StartGateway();
        string[] models = ["/v1/models", "/v1/models/all-minilm-l6-v2", "/v1/embeddings", "/v1/chat/anything"];
        string[] agents = ["/v1/agents", "/v1/agents/a1", "/v1/threads/t1/messages", "/v1/runs/r1", "/v1/knowledge/k1/documents"];

        foreach (var path in models.Concat(agents))
        {
            using var response = await gateway.SendAsync(TestClient.Full, HttpMethod.Get, path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var echo = await EchoReply.ReadAsync(response);
            Assert.Equal(path, echo.Path);
            Assert.Equal(models.Contains(path) ? "models-1" : "agents-1", echo.Replica);
        }
    }

    [Fact]
    public async Task Gateway_health_and_metrics_need_no_key_and_backend_ones_are_not_routed()
    {
        var gateway = StartGateway();

        using var live = await gateway.Client.GetAsync("/health/live");
        using var ready = await gateway.Client.GetAsync("/health/ready");
        var metrics = await gateway.Client.GetStringAsync("/metrics");
        using var unknown = await gateway.SendAsync(TestClient.Full, HttpMethod.Get, "/v1/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.DoesNotContain("backend_only_metric", metrics);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(0, Models.Requests + Agents.Requests);
    }

    internal static async Task<JsonElement> ErrorOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
}
