using Microsoft.Extensions.Configuration;
using Platform.Gateway.Authentication;

namespace Platform.Gateway.UnitTests;

/// <summary>The one JSON value of <c>Authentication:Credentials</c> (the Secret gateway-credentials) over the section.</summary>
public sealed class PublishedCredentialsTests
{
    [Fact]
    public void The_document_adds_its_clients_and_jwt_settings_to_those_of_the_section()
    {
        var options = new GatewayAuthenticationOptions();
        options.ApiKeys["local"] = new ApiKeyClient { Sha256 = new string('a', 64), Scopes = ["models"] };

        PublishedCredentials.ApplyTo(options, Configuration(
            """{"ApiKeys":{"billing":{"Sha256":"%HASH%","Scopes":["models","agents"]}},"Jwt":{"Audience":"platform"}}""".Replace("%HASH%", new string('b', 64), StringComparison.Ordinal)));

        Assert.Equal(["billing", "local"], options.ApiKeys.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["models", "agents"], options.ApiKeys["billing"].Scopes);
        Assert.Equal("platform", options.Jwt.Audience);
    }

    [Fact]
    public void Without_the_setting_the_options_stay_as_bound()
    {
        var options = new GatewayAuthenticationOptions();

        PublishedCredentials.ApplyTo(options, new ConfigurationBuilder().Build());

        Assert.Empty(options.ApiKeys);
    }

    [Fact]
    public void A_value_that_is_not_json_names_the_setting_and_the_expected_shape()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            PublishedCredentials.ApplyTo(new GatewayAuthenticationOptions(), Configuration("placeholder")));

        Assert.Contains(PublishedCredentials.Setting, error.Message);
        Assert.Contains("\"ApiKeys\"", error.Message);
    }

    private static IConfiguration Configuration(string credentials) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [PublishedCredentials.Setting] = credentials }).Build();
}
