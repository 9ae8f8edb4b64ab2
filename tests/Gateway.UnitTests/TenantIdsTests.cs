using Platform.ServiceDefaults.Tenancy;

namespace Platform.Gateway.UnitTests;

public sealed class TenantIdsTests
{
    [Theory]
    [InlineData("billing-app")]
    [InlineData("client-0123abcd")]
    [InlineData("a")]
    [InlineData("svc.reporting_v2")]
    [InlineData("alice@example.com")]
    [InlineData("auth0|12345")]
    public void Ids_of_the_safe_charset_are_valid_for_api_keys(string id)
    {
        Assert.True(TenantIds.IsValid(id));
        Assert.True(TenantIds.IsValidForApiKeys(id));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a:b")]
    [InlineData("{slot}")]
    [InlineData("has space")]
    [InlineData("tab\there")]
    [InlineData("line\nbreak")]
    [InlineData("-leading")]
    [InlineData(".leading")]
    [InlineData("path/like")]
    [InlineData("héllo")]
    [InlineData("a*b")]
    public void Ids_with_characters_unsafe_in_keys_or_headers_are_invalid(string id) =>
        Assert.False(TenantIds.IsValid(id));

    [Fact]
    public void Ids_longer_than_the_maximum_are_invalid()
    {
        Assert.True(TenantIds.IsValid(new string('a', TenantIds.MaxLength)));
        Assert.False(TenantIds.IsValid(new string('a', TenantIds.MaxLength + 1)));
    }

    [Theory]
    [InlineData("jwt~billing-app")]
    [InlineData("corp-idp~alice@example.com")]
    public void Jwt_tenants_are_valid_ids_but_never_api_key_tenants(string id)
    {
        Assert.True(TenantIds.IsValid(id));
        Assert.False(TenantIds.IsValidForApiKeys(id));
    }

    [Theory]
    [InlineData("~app")]
    [InlineData("jwt~")]
    [InlineData("jwt~a~b")]
    [InlineData("jwt~-app")]
    public void A_namespaced_id_needs_two_valid_parts(string id) =>
        Assert.False(TenantIds.IsValid(id));
}
