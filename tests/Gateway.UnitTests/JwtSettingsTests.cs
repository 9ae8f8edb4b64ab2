using System.Security.Claims;
using Platform.Gateway.Authentication;

namespace Platform.Gateway.UnitTests;

public sealed class JwtSettingsTests
{
    private const string Key = "a-signing-key-of-at-least-32-bytes-long";

    [Fact]
    public void Jwt_off_needs_no_audience_or_issuer() =>
        Assert.Empty(new JwtSettings().Validate());

    [Fact]
    public void Jwt_on_without_an_audience_is_refused_naming_the_setting_and_the_opt_out()
    {
        var errors = Messages(new JwtSettings { Authority = "https://login.example.com/" });

        var error = Assert.Single(errors);
        Assert.Contains("Authentication:Jwt:Audience", error);
        Assert.Contains("AllowAnyAudience", error);
    }

    [Fact]
    public void Allowing_any_audience_explicitly_is_accepted() =>
        Assert.Empty(Messages(new JwtSettings { Authority = "https://login.example.com/", AllowAnyAudience = true }));

    [Fact]
    public void A_signing_key_without_an_issuer_is_refused() =>
        Assert.Contains(Messages(new JwtSettings { SigningKey = Key, Audience = "platform" }), m => m.Contains("Authentication:Jwt:Issuer"));

    [Theory]
    [InlineData("")]
    [InlineData("Upper")]
    [InlineData("with~tilde")]
    [InlineData("-dash")]
    [InlineData("an-alias-far-longer-than-thirty-two-chars")]
    public void An_unsafe_issuer_alias_is_refused(string alias) =>
        Assert.Contains(Messages(new JwtSettings { SigningKey = Key, Issuer = "https://issuer.test", Audience = "p", IssuerAlias = alias }),
            m => m.Contains("IssuerAlias"));

    [Fact]
    public void The_principal_of_a_token_holds_only_the_namespaced_tenant_and_the_routed_scopes()
    {
        var token = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim("platform_client_id", "victim"),
            new Claim("azp", "app"),
            new Claim("sub", "user-1"),
            new Claim("scope", "models admin"),
            new Claim("scp", "agents"),
        ], "test"));

        var principal = JwtPrincipal.From(token, new JwtSettings { IssuerAlias = "corp" }, out var failure);

        Assert.Null(failure);
        Assert.Equal("corp~app", PlatformClaims.ClientIdOf(principal!));
        Assert.True(PlatformClaims.HasScope(principal!, Scopes.Models));
        Assert.True(PlatformClaims.HasScope(principal!, Scopes.Agents));
        Assert.False(PlatformClaims.HasScope(principal!, Scopes.Admin));
        Assert.DoesNotContain(principal!.Claims, claim => claim.Value is "victim" or "user-1");
    }

    [Fact]
    public void A_token_naming_no_client_fails_naming_the_claims_read()
    {
        var token = new ClaimsPrincipal(new ClaimsIdentity([new Claim("scope", "models")], "test"));

        Assert.Null(JwtPrincipal.From(token, new JwtSettings(), out var failure));
        Assert.Contains("azp, client_id, sub", failure);
    }

    private static List<string> Messages(JwtSettings settings) => [.. settings.Validate().Select(result => result.ErrorMessage!)];
}
