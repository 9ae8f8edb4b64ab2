using System.Text;

namespace Platform.Gateway.Authentication;

/// <summary>
/// Credentials of a published environment arrive as one JSON document of the <c>Authentication</c> section's shape
/// (<c>{"ApiKeys":{...},"Jwt":{...}}</c>) in <c>Authentication:Credentials</c>, which a cluster fills from the Secret
/// <c>gateway-credentials</c> (docs/deploy.md). One Secret value holds every client, so adding a client changes a
/// file, not the manifests. The document is bound over the section, so its clients and JWT settings win.
/// </summary>
public static class PublishedCredentials
{
    public const string Setting = GatewayAuthenticationOptions.Section + ":Credentials";

    public static void ApplyTo(GatewayAuthenticationOptions options, IConfiguration configuration)
    {
        if (configuration[Setting] is not { Length: > 0 } json)
        {
            return;
        }

        IConfiguration document;
        try
        {
            document = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        }
        catch (Exception error) when (error is FormatException or InvalidDataException or System.Text.Json.JsonException)
        {
            throw new InvalidOperationException(
                $"The setting '{Setting}' must be a JSON object like {{\"ApiKeys\":{{\"<client-id>\":{{\"Sha256\":\"<hash>\",\"Scopes\":[\"models\"]}}}}}}: {error.Message}", error);
        }

        document.Bind(options);
    }
}
