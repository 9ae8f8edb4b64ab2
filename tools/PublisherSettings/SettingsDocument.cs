using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.Tools.PublisherSettings;

/// <summary>
/// Builds the publisher's settings file (<c>{"Kubernetes": {"Environments": {...}}}</c>) from the environments'
/// Terraform outputs: each environment's own registry and namespace, its managed Redis as an external service
/// (unless <c>inClusterRedis</c>), and its Secrets synced from Secrets Manager by External Secrets Operator.
/// </summary>
public static class SettingsDocument
{
    /// <summary>The Redis resource of the AppHost graph that the managed Redis replaces.</summary>
    public const string RedisResource = "redis";

    /// <summary>Secret of the in-cluster Redis's password; filled from the managed Redis's AUTH token entry when kept.</summary>
    public const string InClusterRedisPasswordSecret = "redis-password";

    public static JsonObject Build(IEnumerable<TerraformOutputs> environments, bool inClusterRedis)
    {
        var profiles = new JsonObject();
        foreach (var outputs in environments.OrderBy(outputs => outputs.Environment, StringComparer.Ordinal))
        {
            if (profiles.ContainsKey(outputs.Environment))
            {
                throw new ArgumentException($"Two Terraform outputs are for the environment '{outputs.Environment}'.");
            }

            profiles[outputs.Environment] = Profile(outputs, inClusterRedis);
        }

        return new JsonObject { ["Kubernetes"] = new JsonObject { ["Environments"] = profiles } };
    }

    public static string Serialize(JsonObject settings) =>
        settings.ToJsonString(new JsonSerializerOptions { WriteIndented = true }).ReplaceLineEndings("\n") + "\n";

    private static JsonObject Profile(TerraformOutputs outputs, bool inClusterRedis)
    {
        var remoteKeys = new JsonObject();
        foreach (var (secret, remote) in outputs.ExternalSecrets.Secrets.OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            remoteKeys[secret] = remote;
        }

        if (inClusterRedis && outputs.ExternalSecrets.Secrets.TryGetValue("redis-auth-token", out var token))
        {
            remoteKeys[InClusterRedisPasswordSecret] = token;
        }

        var profile = new JsonObject
        {
            ["Namespace"] = outputs.Namespace,
            ["Registry"] = outputs.Registry,
            ["Host"] = outputs.Host,
            ["ExternalSecrets"] = new JsonObject
            {
                ["Region"] = outputs.Region,
                ["RoleArn"] = outputs.ExternalSecrets.RoleArn,
                ["ServiceAccount"] = outputs.ExternalSecrets.ServiceAccount,
                ["RemoteKeys"] = remoteKeys,
            },
        };
        if (!inClusterRedis)
        {
            profile["ExternalServices"] = new JsonObject
            {
                [RedisResource] = new JsonObject { ["Cidr"] = outputs.Redis.Cidr, ["Port"] = outputs.Redis.Port },
            };
        }

        return profile;
    }
}
