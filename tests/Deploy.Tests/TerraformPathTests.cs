using Platform.Deploy.Tests.Support;
using Platform.Hosting.Kubernetes.Manifests;
using Platform.Hosting.Kubernetes.Manifests.Autoscaling;

namespace Platform.Deploy.Tests;

/// <summary>
/// The documented path from Terraform to a cluster: recorded <c>terraform output -json</c> files, the settings
/// file written from them, the AppHost started for publishing with <c>--Kubernetes:SettingsFile</c>, and the
/// overlays rendered by kubectl kustomize as <c>kubectl apply -k</c> would send them.
/// </summary>
public sealed class TerraformPathTests(TerraformPublishedPlatform platform) : IClassFixture<TerraformPublishedPlatform>
{
    private const string ProductionRegistry = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/platform-production";
    private const string ProductionDataTier = "10.30.240.0/20";

    [Fact]
    public void Production_runs_on_the_managed_redis_from_terraform_and_nothing_else_reaches_it()
    {
        var production = platform.Rendered["production"];

        Assert.Empty(production.All<V1StatefulSet>());
        var toManagedRedis = production.All<V1NetworkPolicy>()
            .Where(policy => (policy.Spec.Egress ?? []).Any(rule =>
                (rule.To ?? []).Any(peer => peer.IpBlock?.Cidr == ProductionDataTier) && rule.Ports.Single().Port.Value == "6379"))
            .Select(policy => production.AppOf(policy.Metadata.Name))
            .Distinct()
            .Order();
        Assert.Equal(["agents", "gateway", "models"], toManagedRedis);
    }

    [Fact]
    public void Production_secrets_come_from_secrets_manager_through_external_secrets_and_never_from_files()
    {
        var production = platform.Rendered["production"];

        Assert.Empty(production.All<V1Secret>());
        var referenced = production.All<V1Deployment>()
            .SelectMany(deployment => deployment.Spec.Template.Spec.Containers.SelectMany(container => container.Env ?? []))
            .Select(variable => variable.ValueFrom?.SecretKeyRef?.Name)
            .OfType<string>()
            .Distinct()
            .Order();
        Assert.Equal(["gateway-credentials", "gateway-identity-signing-key", "llm", "redis-connection-string"], referenced);
        var externalSecrets = production.All<ExternalSecret>().OrderBy(secret => secret.Metadata.Name).ToList();
        Assert.Equal(referenced, externalSecrets.Select(secret => secret.Spec.Target.Name));
        Assert.All(externalSecrets, secret =>
        {
            Assert.Equal("platform-secrets", secret.Spec.SecretStoreRef.Name);
            Assert.All(secret.Spec.Data, data => Assert.Equal($"platform-production/{secret.Metadata.Name}", data.RemoteRef.Key));
            Assert.Contains(secret.Spec.Data, data => data.SecretKey == "value");
            Assert.Equal("platform-production", secret.Metadata.NamespaceProperty);
        });
        var llm = Assert.Single(externalSecrets.Single(secret => secret.Metadata.Name == "llm").Spec.Data);
        Assert.Null(llm.RemoteRef.Property);

        var store = Assert.Single(production.All<SecretStore>());
        Assert.Equal("eu-west-1", store.Spec.Provider.Aws.Region);
        Assert.Equal("external-secrets", store.Spec.Provider.Aws.Auth.Jwt.ServiceAccountRef.Name);
        var account = production.Single<V1ServiceAccount>("external-secrets");
        Assert.Equal("arn:aws:iam::123456789012:role/platform-production-external-secrets", account.Metadata.Annotations["eks.amazonaws.com/role-arn"]);
        Assert.False(account.AutomountServiceAccountToken);
    }

    [Fact]
    public void The_agents_scale_on_the_managed_redis_over_tls_with_keys_the_external_secret_syncs()
    {
        var production = platform.Rendered["production"];

        var agents = production.All<ScaledObject>().Single(scaled => scaled.Spec.ScaleTargetRef.Name == production.NamesOf("agents")[0]);
        var lag = Assert.Single(agents.Spec.Triggers, trigger => trigger.Type == "redis-streams");
        Assert.Equal("true", lag.Metadata["enableTLS"]);
        Assert.DoesNotContain(lag.Metadata.Keys, key => key.EndsWith("FromEnv", StringComparison.Ordinal));
        var authentication = production.Single<TriggerAuthentication>(Assert.IsType<TriggerAuthenticationRef>(lag.AuthenticationRef).Name);
        Assert.Equal(agents.Metadata.NamespaceProperty, authentication.Metadata.NamespaceProperty);
        Assert.Equal(["address", "password"], authentication.Spec.SecretTargetRef.Select(reference => reference.Parameter).Order());

        var synced = production.All<ExternalSecret>()
            .Where(secret => secret.Metadata.NamespaceProperty == authentication.Metadata.NamespaceProperty)
            .SelectMany(secret => secret.Spec.Data.Select(data => (secret.Spec.Target.Name, data.SecretKey)))
            .ToHashSet();
        Assert.All(authentication.Spec.SecretTargetRef, reference => Assert.Contains((reference.Name, reference.Key), synced));

        // One JSON entry, written by the redis module, a field per key: the clients' connection string and the scaler's two.
        var connection = production.Single<ExternalSecret>("redis-connection-string");
        Assert.Equal(
            [("address", "address"), ("password", "password"), ("value", "value")],
            connection.Spec.Data.Select(data => (data.SecretKey, data.RemoteRef.Property)));
        Assert.All(connection.Spec.Data, data => Assert.Equal("platform-production/redis-connection-string", data.RemoteRef.Key));
    }

    [Fact]
    public async Task Production_s_external_secrets_and_keda_objects_are_valid_against_their_published_crd_schemas()
    {
        var (exitCode, output) = await CrdSchemaTests.ValidateAsync(platform.Rendered["production"].Yaml);

        Assert.True(exitCode == 0, output);
        Assert.Contains("ok external-secrets.io/v1/ExternalSecret redis-connection-string", output);
        Assert.Contains("ok external-secrets.io/v1/SecretStore platform-secrets", output);
        Assert.Contains("ok keda.sh/v1alpha1/TriggerAuthentication agents", output);
        Assert.Contains("ok keda.sh/v1alpha1/ScaledObject agents", output);
    }

    [Fact]
    public void Each_environment_pulls_from_its_own_registry_and_staging_keeps_the_defaults()
    {
        var production = platform.Rendered["production"];
        Assert.All(production.All<V1Deployment>(), deployment => Assert.Equal(
            $"{ProductionRegistry}/{production.AppOf(deployment.Metadata.Name)}:0.1.0",
            deployment.Spec.Template.Spec.Containers.Single().Image));
        Assert.All(platform.Rendered["dev"].All<V1Deployment>(), deployment => Assert.StartsWith(
            "123456789012.dkr.ecr.eu-west-1.amazonaws.com/platform-dev/",
            deployment.Spec.Template.Spec.Containers.Single().Image));

        var staging = platform.Rendered["staging"];
        Assert.All(staging.All<V1Deployment>(), deployment => Assert.StartsWith("registry.example.com/platform/", deployment.Spec.Template.Spec.Containers.Single().Image));
        Assert.Single(staging.All<V1StatefulSet>());
        Assert.Empty(staging.All<ExternalSecret>());
        Assert.NotEmpty(staging.All<V1Secret>());
    }

    [Fact]
    public void Production_overlay_has_no_secret_files_to_fill_in()
    {
        var production = Path.Combine(platform.Published, "overlays", "production");

        Assert.False(Directory.Exists(Path.Combine(production, "secrets")));
        Assert.DoesNotContain("secretGenerator", File.ReadAllText(Path.Combine(production, "kustomization.yaml")));
        Assert.True(Directory.Exists(Path.Combine(platform.Published, "overlays", "staging", "secrets")));
    }
}
