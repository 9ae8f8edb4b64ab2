using System.Net;
using Platform.Gateway.Tests.Support;

namespace Platform.Gateway.Tests;

/// <summary>Malformed admin requests: each answered 400 or 404 naming what is wrong, never 500, with nothing stored.</summary>
public sealed class KeyAdminRequestTests : GatewayTestBase
{
    [Theory]
    [InlineData("""{"tenant":"a:b"}""", "tenant")]
    [InlineData("""{"tenant":"jwt~impostor"}""", "tenant")]
    [InlineData("""{"tenant":"{slot}"}""", "tenant")]
    [InlineData("""{"tenant":""}""", "tenant")]
    [InlineData("""{"tenant":42}""", "tenant")]
    [InlineData("""{}""", "tenant")]
    [InlineData("""{"tenant":"ok","scopes":["models","root"]}""", "scopes[1]")]
    [InlineData("""{"tenant":"ok","scopes":[]}""", "scopes")]
    [InlineData("""{"tenant":"ok","scopes":"models"}""", "scopes")]
    [InlineData("""{"tenant":"ok","quotas":{"free_lunches":1}}""", "quotas.free_lunches")]
    [InlineData("""{"tenant":"ok","quotas":{"requests_per_minute":"lots"}}""", "quotas.requests_per_minute")]
    [InlineData("""{"tenant":"ok","quotas":{"requests_per_minute":0}}""", "quotas.requests_per_minute")]
    [InlineData("""{"tenant":"ok","quotas":[1]}""", "quotas")]
    [InlineData("""{"tenant":"ok","expires_at":"tomorrow"}""", "expires_at")]
    [InlineData("""{"tenant":"ok","expires_at":1}""", "expires_at")]
    [InlineData("""{"tenant":"ok","name":{"nested":true}}""", "name")]
    public async Task A_malformed_key_request_gets_400_naming_the_field_and_stores_nothing(string body, string param)
    {
        var gateway = StartGateway();

        using var response = await gateway.Client.SendAsync(Raw(HttpMethod.Post, "/v1/admin/keys", body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await AuthenticationTests.ErrorOf(response);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.DoesNotContain("platform:gateway:{keys}:id:", await RedisContents.AllAsync(Redis.ConnectionString));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("")]
    public async Task A_key_request_that_is_not_a_json_object_gets_400(string body)
    {
        var gateway = StartGateway();

        using var response = await gateway.Client.SendAsync(Raw(HttpMethod.Post, "/v1/admin/keys", body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request_error", (await AuthenticationTests.ErrorOf(response)).GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("GET", "/v1/admin/keys/key_0000000000000000")]
    [InlineData("GET", "/v1/admin/keys/not-an-id")]
    [InlineData("POST", "/v1/admin/keys/key_0000000000000000/rotate")]
    [InlineData("POST", "/v1/admin/keys/%7Bslot%7D/revoke")]
    [InlineData("POST", "/v1/admin/keys/key_0000000000000000/expire")]
    public async Task An_unknown_or_malformed_key_id_gets_404(string method, string path)
    {
        var gateway = StartGateway();

        using var response = await gateway.AdminAsync(new HttpMethod(method), path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found_error", (await AuthenticationTests.ErrorOf(response)).GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=1001", "limit")]
    [InlineData("?limit=ten", "limit")]
    [InlineData("?after=key_nothex", "after")]
    [InlineData("?tenant=a&tenant=b", "tenant")]
    public async Task A_malformed_listing_query_gets_400_naming_the_parameter(string query, string param)
    {
        var gateway = StartGateway();

        using var response = await gateway.AdminAsync(HttpMethod.Get, "/v1/admin/keys" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(param, (await AuthenticationTests.ErrorOf(response)).GetProperty("param").GetString());
    }

    [Fact]
    public async Task Listing_by_an_invalid_tenant_gets_400()
    {
        var gateway = StartGateway();

        using var response = await gateway.AdminAsync(HttpMethod.Get, "/v1/admin/keys?tenant=a%3Ab");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("tenant", (await AuthenticationTests.ErrorOf(response)).GetProperty("param").GetString());
    }

    private static HttpRequestMessage Raw(HttpMethod method, string path, string body) =>
        TestClient.Admin.Request(method, path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
}
