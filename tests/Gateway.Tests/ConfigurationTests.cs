using Platform.Gateway.Tests.Support;

namespace Platform.Gateway.Tests;

public sealed class ConfigurationTests : GatewayTestBase
{
    [Fact]
    public void Malformed_key_hash_stops_start_up_naming_the_setting()
    {
        var settings = Settings().With("Authentication:ApiKeys:broken:Sha256", "not-a-sha256").With("Authentication:ApiKeys:broken:Scopes:0", "models");

        var error = Assert.ThrowsAny<Exception>(() => GatewayInstance.Start(settings));

        Assert.Contains("Authentication:ApiKeys:broken:Sha256", Flatten(error));
    }

    [Fact]
    public void A_configured_client_id_unsafe_as_a_tenant_or_an_unknown_scope_stops_start_up()
    {
        var hash = new string('a', 64);
        var badId = Settings().With("Authentication:ApiKeys:bad{id}:Sha256", hash).With("Authentication:ApiKeys:bad{id}:Scopes:0", "models");
        var badScope = Settings().With("Authentication:ApiKeys:ok:Sha256", hash).With("Authentication:ApiKeys:ok:Scopes:0", "root");

        var idError = Assert.ThrowsAny<Exception>(() => GatewayInstance.Start(badId));
        var scopeError = Assert.ThrowsAny<Exception>(() => GatewayInstance.Start(badScope));

        Assert.Contains("Authentication:ApiKeys:bad{id}", Flatten(idError));
        Assert.Contains("Authentication:ApiKeys:ok:Scopes", Flatten(scopeError));
    }

    [Fact]
    public void Route_without_a_scope_stops_start_up()
    {
        var settings = Settings().With("ReverseProxy:Routes:open:ClusterId", "models").With("ReverseProxy:Routes:open:Match:Path", "/v1/open");

        var error = Assert.ThrowsAny<Exception>(() => GatewayInstance.Start(settings));

        Assert.Contains("Route 'open' must set 'AuthorizationPolicy'", Flatten(error));
    }

    [Fact]
    public void Route_naming_a_policy_that_is_not_a_scope_stops_start_up()
    {
        var settings = Settings()
            .With("ReverseProxy:Routes:custom:ClusterId", "models")
            .With("ReverseProxy:Routes:custom:Match:Path", "/v1/custom")
            .With("ReverseProxy:Routes:custom:AuthorizationPolicy", "everyone");

        var error = Assert.ThrowsAny<Exception>(() => GatewayInstance.Start(settings));

        Assert.Contains("Route 'custom' sets 'AuthorizationPolicy' to 'everyone', which is not a scope", Flatten(error));
    }

    [Fact]
    public async Task Route_naming_its_scope_in_another_case_checks_the_scope_itself()
    {
        var client = TestClient.Unique(Authentication.Scopes.Models);
        var gateway = StartGateway(Settings().WithClients(client).With("ReverseProxy:Routes:models:AuthorizationPolicy", "Models"));

        using var allowed = await gateway.SendAsync(client, HttpMethod.Get, "/v1/models");
        using var refused = await gateway.SendAsync(client, HttpMethod.Get, "/v1/threads");

        Assert.Equal(System.Net.HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public void Route_to_a_backend_health_path_stops_start_up()
    {
        var settings = Settings()
            .With("ReverseProxy:Routes:probe:ClusterId", "models")
            .With("ReverseProxy:Routes:probe:AuthorizationPolicy", "models")
            .With("ReverseProxy:Routes:probe:Match:Path", "/health/{**rest}");

        var error = Assert.ThrowsAny<Exception>(() => GatewayInstance.Start(settings));

        Assert.Contains("never routed", Flatten(error));
    }

    private static string Flatten(Exception exception) =>
        exception is AggregateException aggregate
            ? string.Join(" | ", aggregate.InnerExceptions.Select(Flatten))
            : exception.Message + (exception.InnerException is { } inner ? " | " + Flatten(inner) : "");
}
