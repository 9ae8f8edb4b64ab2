using System.Security.Cryptography;
using System.Text;

namespace Platform.AppHost.LocalRun;

/// <summary>
/// Well-known API keys for local runs only: the gateway is given their hashes (never the keys) through environment
/// variables. <see cref="Key"/> has the routed scopes; <see cref="AdminKey"/> has only <c>admin</c>, for the key admin
/// API and <c>platform-keys</c>. Published manifests never contain them; clusters get their keys from a secret.
/// </summary>
public static class GatewayDevelopmentKey
{
    public const string Key = "dev-key-platform-local";
    public const string ClientId = "local-dev";
    public static readonly string[] Scopes = ["models", "agents"];

    public const string AdminKey = "dev-admin-key-platform-local";
    public const string AdminClientId = "local-admin";

    public static IResourceBuilder<ProjectResource> WithDevelopmentApiKey(this IResourceBuilder<ProjectResource> gateway)
    {
        if (!gateway.ApplicationBuilder.ExecutionContext.IsRunMode)
        {
            return gateway;
        }

        WithKey(gateway, ClientId, Key, Scopes);
        WithKey(gateway, AdminClientId, AdminKey, ["admin"]);
        return gateway;
    }

    private static void WithKey(IResourceBuilder<ProjectResource> gateway, string clientId, string key, string[] scopes)
    {
        var prefix = $"Authentication__ApiKeys__{clientId}__";
        gateway.WithEnvironment(prefix + "Sha256", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))));
        for (var i = 0; i < scopes.Length; i++)
        {
            gateway.WithEnvironment($"{prefix}Scopes__{i}", scopes[i]);
        }
    }
}
