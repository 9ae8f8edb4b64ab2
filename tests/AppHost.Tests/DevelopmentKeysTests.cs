using Aspire.Hosting.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.AppHost.LocalRun;

namespace Platform.AppHost.Tests;

/// <summary>The local run's two keys: the development key for the API, the development admin key for the key admin API.</summary>
[Collection(PlatformCollection.Name)]
public sealed class DevelopmentKeysTests(PlatformFixture platform)
{
    [Fact]
    public async Task The_development_admin_key_issues_keys_that_work_and_the_development_key_is_no_admin()
    {
        await platform.WaitUntilHealthyAsync("gateway");
        await platform.WaitUntilHealthyAsync("models");
        using var gateway = platform.App.CreateHttpClient("gateway");

        using var notAdmin = await gateway.SendAsync(Request(HttpMethod.Get, "/v1/admin/keys", GatewayDevelopmentKey.Key));
        using var created = await gateway.SendAsync(Request(HttpMethod.Post, "/v1/admin/keys", GatewayDevelopmentKey.AdminKey,
            JsonContent.Create(new { tenant = "apphost-tenant", scopes = new[] { "models" } })));
        var key = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
        using var used = await gateway.SendAsync(Request(HttpMethod.Get, "/v1/models", key));

        Assert.Equal(HttpStatusCode.Forbidden, notAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, used.StatusCode);
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string key, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new("Bearer", key);
        return request;
    }
}
