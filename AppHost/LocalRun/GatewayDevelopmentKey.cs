using System.Security.Cryptography;
using System.Text;

namespace Platform.AppHost.LocalRun;

/// <summary>
/// A well-known API key for local runs only: the gateway is given its hash (never the key) through
/// environment variables, with both scopes. Published manifests never contain it; clusters get their keys
/// from a secret.
/// </summary>
public static class GatewayDevelopmentKey
{
    public const string Key = "dev-key-platform-local";
    public const string ClientId = "local-dev";
    public static readonly string[] Scopes = ["models", "agents"];

    public static IResourceBuilder<ProjectResource> WithDevelopmentApiKey(this IResourceBuilder<ProjectResource> gateway)
    {
        if (!gateway.ApplicationBuilder.ExecutionContext.IsRunMode)
        {
            return gateway;
        }

        var prefix = $"Authentication__ApiKeys__{ClientId}__";
        gateway.WithEnvironment(prefix + "Sha256", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Key))));
        for (var i = 0; i < Scopes.Length; i++)
        {
            gateway.WithEnvironment($"{prefix}Scopes__{i}", Scopes[i]);
        }

        return gateway;
    }
}
