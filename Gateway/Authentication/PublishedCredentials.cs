using System.Text;

namespace Platform.Gateway.Authentication;

/// <summary>
/// Credentials of a published environment arrive as one JSON document (the <c>Authentication</c> section's shape:
/// <c>{"ApiKeys":{...},"Jwt":{...}}</c>) in <c>Authentication:Credentials</c>, which a cluster fills from the Secret
/// <c>gateway-credentials</c> (docs/deploy.md). One Secret value holds every client, so adding a client changes a
/// file, not the manifests. The document is added as a configuration source above everything else.
/// </summary>
public static class PublishedCredentials
{
    public const string Setting = GatewayAuthenticationOptions.Section + ":Credentials";

    public static void AddPublishedCredentials(this IConfigurationManager configuration)
    {
        if (configuration[Setting] is not { Length: > 0 } json)
        {
            return;
        }

        var document = $"{{\"{GatewayAuthenticationOptions.Section}\":{json}}}";
        try
        {
            configuration.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(document)));
        }
        catch (FormatException error)
        {
            throw new InvalidOperationException(
                $"The setting '{Setting}' must be a JSON object like {{\"ApiKeys\":{{\"<client-id>\":{{\"Sha256\":\"<hash>\",\"Scopes\":[\"models\"]}}}}}}: {error.Message}", error);
        }
    }
}
