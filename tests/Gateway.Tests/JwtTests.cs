using System.Net;
using Platform.Gateway.Tests.Support;
using Platform.ServiceDefaults;

namespace Platform.Gateway.Tests;

/// <summary>JWT bearer tokens, and the attacks on them that must fail: audience, issuer, a chosen tenant, unsafe ids.</summary>
public sealed class JwtTests : GatewayTestBase
{
    [Fact]
    public async Task Valid_jwt_authenticates_as_a_tenant_in_its_issuers_namespace_with_scopes_from_its_claims()
    {
        var gateway = StartGateway(Settings().WithJwt());

        using var allowed = await TestTokens.SendAsync(gateway, "/v1/models", TestTokens.Create(new() { ["azp"] = "jwt-app", ["scope"] = "models" }));
        using var forbidden = await TestTokens.SendAsync(gateway, "/v1/agents", TestTokens.Create(new() { ["azp"] = "jwt-app", ["scope"] = "models" }));

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal("jwt~jwt-app", Models.ReceivedHeaders.Last()[PlatformHeaders.ClientId]);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task The_issuer_alias_that_prefixes_jwt_tenants_is_configurable()
    {
        var gateway = StartGateway(Settings().WithJwt().With("Authentication:Jwt:IssuerAlias", "corp-idp"));

        using var response = await TestTokens.SendAsync(gateway, "/v1/models", TestTokens.Create(new() { ["client_id"] = "reporting", ["scope"] = "models" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("corp-idp~reporting", Models.ReceivedHeaders.Last()[PlatformHeaders.ClientId]);
    }

    [Fact]
    public async Task Jwt_with_a_wrong_signature_or_issuer_gets_401()
    {
        var gateway = StartGateway(Settings().WithJwt());
        var claims = new Dictionary<string, object> { ["azp"] = "jwt-app", ["scope"] = "models" };

        using var badSignature = await TestTokens.SendAsync(gateway, "/v1/models", TestTokens.Create(claims, key: "another-signing-key-of-at-least-32-bytes"));
        using var badIssuer = await TestTokens.SendAsync(gateway, "/v1/models", TestTokens.Create(claims, issuer: "https://elsewhere.test"));

        Assert.Equal(HttpStatusCode.Unauthorized, badSignature.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, badIssuer.StatusCode);
        Assert.Equal("authentication_error", (await AuthenticationTests.ErrorOf(badSignature)).GetProperty("type").GetString());
        Assert.Equal(0, Models.Requests);
    }

    [Fact]
    public async Task Jwt_issued_for_another_audience_or_for_none_gets_401()
    {
        var gateway = StartGateway(Settings().WithJwt());
        var claims = new Dictionary<string, object> { ["azp"] = "jwt-app", ["scope"] = "models" };

        using var otherAudience = await TestTokens.SendAsync(gateway, "/v1/models", TestTokens.Create(claims, audience: "billing-api"));
        using var noAudience = await TestTokens.SendAsync(gateway, "/v1/models", TestTokens.Create(claims, audience: null));
        using var rightAudience = await TestTokens.SendAsync(gateway, "/v1/models", TestTokens.Create(claims));

        Assert.Equal(HttpStatusCode.Unauthorized, otherAudience.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noAudience.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rightAudience.StatusCode);
        Assert.Equal(1, Models.Requests);
    }

    [Fact]
    public void Jwt_without_an_audience_stops_start_up_unless_any_audience_is_allowed_explicitly()
    {
        var withoutAudience = Settings().WithJwt().With("Authentication:Jwt:Audience", "");

        var error = Assert.ThrowsAny<Exception>(() => GatewayInstance.Start(withoutAudience));
        var optedOut = StartGateway(withoutAudience.With("Authentication:Jwt:AllowAnyAudience", true));

        Assert.Contains("Authentication:Jwt:Audience", Flatten(error));
        Assert.NotNull(optedOut.Address);
    }

    [Fact]
    public async Task A_gateway_that_allows_any_audience_still_checks_the_issuer()
    {
        var gateway = StartGateway(Settings().WithJwt().With("Authentication:Jwt:Audience", "").With("Authentication:Jwt:AllowAnyAudience", true));
        var claims = new Dictionary<string, object> { ["azp"] = "jwt-app", ["scope"] = "models" };

        using var anyAudience = await TestTokens.SendAsync(gateway, "/v1/models", TestTokens.Create(claims, audience: "billing-api"));
        using var badIssuer = await TestTokens.SendAsync(gateway, "/v1/models", TestTokens.Create(claims, issuer: "https://elsewhere.test"));

        Assert.Equal(HttpStatusCode.OK, anyAudience.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, badIssuer.StatusCode);
    }

    [Fact]
    public void Signing_key_without_an_issuer_stops_start_up()
    {
        var settings = Settings().WithJwt().With("Authentication:Jwt:Issuer", "");

        var error = Assert.ThrowsAny<Exception>(() => GatewayInstance.Start(settings));

        Assert.Contains("Authentication:Jwt:Issuer", Flatten(error));
    }

    [Fact]
    public async Task A_token_cannot_choose_its_tenant_with_a_platform_client_id_claim()
    {
        var gateway = StartGateway(Settings().WithJwt());
        var token = TestTokens.Create(new() { ["platform_client_id"] = TestClient.Full.ClientId, ["azp"] = "attacker", ["scope"] = "models" });

        using var response = await TestTokens.SendAsync(gateway, "/v1/models", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("jwt~attacker", Models.ReceivedHeaders.Last()[PlatformHeaders.ClientId]);
    }

    [Fact]
    public async Task A_token_naming_an_api_key_tenant_acts_as_a_different_tenant_with_its_own_limits()
    {
        var victim = TestClient.Unique();
        var gateway = StartGateway(Settings().WithJwt().WithClients(victim).With($"RateLimits:Clients:{victim.ClientId}:RequestsPerMinute", 1));
        var token = TestTokens.Create(new() { ["azp"] = victim.ClientId, ["scope"] = "models agents" });

        using var victimFirst = await gateway.SendAsync(victim, HttpMethod.Get, "/v1/agents");
        using var victimSecond = await gateway.SendAsync(victim, HttpMethod.Get, "/v1/agents");
        using var impostor = await TestTokens.SendAsync(gateway, "/v1/agents", token);

        Assert.Equal(HttpStatusCode.OK, victimFirst.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, victimSecond.StatusCode);
        Assert.Equal(HttpStatusCode.OK, impostor.StatusCode);
        Assert.Equal([victim.ClientId, $"jwt~{victim.ClientId}"], Agents.ReceivedHeaders.Select(headers => headers[PlatformHeaders.ClientId]));
    }

    [Theory]
    [InlineData("app{slot}")]
    [InlineData("tenant:with:colons")]
    [InlineData("jwt~nested")]
    [InlineData("has space")]
    [InlineData("line\nbreak")]
    [InlineData("-leading-dash")]
    [InlineData("héllo")]
    public async Task A_token_with_a_client_id_unsafe_for_keys_and_headers_gets_401_not_500(string clientId)
    {
        var gateway = StartGateway(Settings().WithJwt());

        using var response = await TestTokens.SendAsync(gateway, "/v1/models", TestTokens.Create(new() { ["azp"] = clientId, ["scope"] = "models" }));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("authentication_error", (await AuthenticationTests.ErrorOf(response)).GetProperty("type").GetString());
        Assert.Equal(0, Models.Requests);
    }

    [Fact]
    public async Task A_token_with_an_overlong_client_id_gets_401()
    {
        var gateway = StartGateway(Settings().WithJwt());

        using var response = await TestTokens.SendAsync(gateway, "/v1/models", TestTokens.Create(new() { ["azp"] = new string('a', 200), ["scope"] = "models" }));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_token_cannot_grant_the_admin_scope()
    {
        var gateway = StartGateway(Settings().WithJwt());

        using var response = await TestTokens.SendAsync(gateway, "/v1/admin/keys", TestTokens.Create(new() { ["azp"] = "jwt-app", ["scope"] = "models agents admin" }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("insufficient_scope", (await AuthenticationTests.ErrorOf(response)).GetProperty("code").GetString());
    }

    private static string Flatten(Exception exception) =>
        exception is AggregateException aggregate
            ? string.Join(" | ", aggregate.InnerExceptions.Select(Flatten))
            : exception.Message + (exception.InnerException is { } inner ? " | " + Flatten(inner) : "");
}
