using System.ComponentModel.DataAnnotations;
using Platform.Deploy.Tests.Support;
using Platform.Hosting.Kubernetes;

namespace Platform.Deploy.Tests;

/// <summary>An environment on External Secrets publishes only when every referenced Secret has a remote entry.</summary>
[Collection(PublishedPlatformCollection.Name)]
public sealed class ExternalSecretsOptionsTests(PublishedPlatform platform)
{
    [Fact]
    public async Task A_referenced_secret_without_a_remote_key_stops_the_publish_naming_it()
    {
        var options = WithExternalSecrets(new()
        {
            ["gateway-credentials"] = "platform-production/gateway-credentials",
            ["gateway-identity-signing-key"] = "platform-production/gateway-identity-signing-key",
            ["redis-password"] = "platform-production/redis-auth-token",
        });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new KubernetesPublisher(options).BuildAsync(platform.Model, platform.ExecutionContext, CancellationToken.None));

        Assert.Contains("RemoteKeys has no entry for the Secret 'llm'", error.Message);
    }

    [Fact]
    public void A_role_that_is_not_an_iam_role_arn_stops_the_publish()
    {
        var options = WithExternalSecrets(new() { ["llm"] = "platform-production/llm" });
        options.Environments["production"].ExternalSecrets!.RoleArn = "platform-production-external-secrets";

        var error = Assert.Throws<ValidationException>(options.Validate);
        Assert.Contains("RoleArn", error.Message);
    }

    [Fact]
    public async Task Remote_keys_for_every_referenced_secret_publish_without_secret_files()
    {
        var options = WithExternalSecrets(new()
        {
            ["gateway-credentials"] = "platform-production/gateway-credentials",
            ["gateway-identity-signing-key"] = "platform-production/gateway-identity-signing-key",
            ["llm"] = "platform-production/llm",
            ["redis-password"] = "platform-production/redis-auth-token",
        });

        var files = await new KubernetesPublisher(options).BuildAsync(platform.Model, platform.ExecutionContext, CancellationToken.None);

        Assert.DoesNotContain(files.Files.Keys, path => path.StartsWith("overlays/production/secrets/", StringComparison.Ordinal));
        Assert.Contains("key: platform-production/redis-auth-token", files.Files["overlays/production/external-secrets.yaml"]);
        // The gateway's key hashes live in Secrets Manager like every other referenced Secret.
        Assert.Contains("key: platform-production/gateway-credentials", files.Files["overlays/production/external-secrets.yaml"]);
        // So does the key the gateway signs forwarded identities with, which agents and models verify.
        Assert.Contains("key: platform-production/gateway-identity-signing-key", files.Files["overlays/production/external-secrets.yaml"]);
        Assert.Contains(files.Files.Keys, path => path.StartsWith("overlays/staging/secrets/", StringComparison.Ordinal));
    }

    private static KubernetesPublisherOptions WithExternalSecrets(Dictionary<string, string> remoteKeys)
    {
        var options = KubernetesPublisherOptions.CreateDefault();
        options.Environments["production"].ExternalSecrets = new ExternalSecretsProfile
        {
            Region = "eu-west-1",
            RoleArn = "arn:aws:iam::123456789012:role/platform-production-external-secrets",
            RemoteKeys = remoteKeys,
        };
        return options;
    }
}
