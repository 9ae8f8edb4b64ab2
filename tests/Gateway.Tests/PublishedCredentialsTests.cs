using System.Net;
using System.Text.Json.Nodes;
using Platform.Gateway.Authentication;
using Platform.Gateway.Tests.Support;

namespace Platform.Gateway.Tests;

/// <summary>The Secret gateway-credentials path: every client in one JSON value of <c>Authentication:Credentials</c>.</summary>
public sealed class PublishedCredentialsTests : GatewayTestBase
{
    [Fact]
    public async Task Key_from_the_published_credentials_is_accepted_with_its_scopes()
    {
        var client = TestClient.Unique(Scopes.Models);
        var credentials = new JsonObject
        {
            ["ApiKeys"] = new JsonObject { [client.ClientId] = new JsonObject { ["Sha256"] = client.Hash, ["Scopes"] = new JsonArray(Scopes.Models) } },
        };
        var gateway = StartGateway(Settings().With(PublishedCredentials.Setting, credentials.ToJsonString()));

        using var models = await gateway.SendAsync(client, HttpMethod.Get, "/v1/models");
        using var agents = await gateway.SendAsync(client, HttpMethod.Get, "/v1/agents");

        Assert.Equal(HttpStatusCode.OK, models.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, agents.StatusCode);
    }

    [Fact]
    public void Credentials_that_are_not_json_stop_start_up_naming_the_setting()
    {
        var error = Assert.ThrowsAny<Exception>(() => GatewayInstance.Start(Settings().With(PublishedCredentials.Setting, "placeholder")));

        Assert.Contains(PublishedCredentials.Setting, Flatten(error));
    }

    [Fact]
    public void A_malformed_hash_in_the_published_credentials_stops_start_up()
    {
        var settings = Settings().With(PublishedCredentials.Setting, """{"ApiKeys":{"broken":{"Sha256":"nope","Scopes":["models"]}}}""");

        var error = Assert.ThrowsAny<Exception>(() => GatewayInstance.Start(settings));

        Assert.Contains("Authentication:ApiKeys:broken:Sha256", Flatten(error));
    }

    private static string Flatten(Exception exception) =>
        exception is AggregateException aggregate
            ? string.Join(" | ", aggregate.InnerExceptions.Select(Flatten))
            : exception.Message + (exception.InnerException is { } inner ? " | " + Flatten(inner) : "");
}
