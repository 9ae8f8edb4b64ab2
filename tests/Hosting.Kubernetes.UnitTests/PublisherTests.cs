using Platform.Hosting.Kubernetes.Output;
using Platform.Hosting.Kubernetes.UnitTests.Support;

namespace Platform.Hosting.Kubernetes.UnitTests;

public sealed class PublisherTests
{
    [Fact]
    public void The_same_graph_and_options_give_the_same_bytes()
    {
        var first = Builders.Publish(SampleGraph.Graph).Files;
        var second = Builders.Publish(SampleGraph.Graph).Files;

        Assert.Equal(first, second);
    }

    [Fact]
    public void The_tree_is_a_base_and_one_overlay_per_environment()
    {
        var files = Builders.Publish(SampleGraph.Graph).Files.Keys.ToList();

        Assert.Contains("base/kustomization.yaml", files);
        Assert.Contains("base/gateway.yaml", files);
        Assert.Contains("base/network-policies.yaml", files);
        Assert.All(["dev", "staging", "production"], environment =>
        {
            Assert.Contains($"overlays/{environment}/kustomization.yaml", files);
            Assert.Contains($"overlays/{environment}/namespace.yaml", files);
            Assert.Contains($"overlays/{environment}/autoscaling.yaml", files);
        });
    }

    [Fact]
    public void Only_an_environment_s_edge_and_autoscalers_are_its_own_resources()
    {
        var files = Builders.Publish(SampleGraph.Graph).Files;

        Assert.Contains("- edge.yaml", files["overlays/dev/kustomization.yaml"]);
        Assert.Contains("- autoscaling.yaml", files["overlays/dev/kustomization.yaml"]);
        Assert.DoesNotContain(files.Keys, path => path.StartsWith("base/", StringComparison.Ordinal) && files[path].Contains("kind: HorizontalPodAutoscaler", StringComparison.Ordinal));
    }

    [Fact]
    public void An_overlay_sets_its_namespace_image_tags_and_names_the_secrets_to_fill_in()
    {
        var files = Builders.Publish(SampleGraph.Graph).Files;
        var kustomization = files["overlays/staging/kustomization.yaml"];

        Assert.Contains("namespace: platform-staging", kustomization);
        Assert.Contains("newTag: 0.1.0", kustomization);
        Assert.Contains("name: redis-password", kustomization);
        Assert.Equal(
            "# Copy to redis-password.env (git-ignored) and fill in; kustomize builds the Secret 'redis-password' from it.\nvalue=\n",
            files[$"overlays/staging/{ManifestSet.SecretsDirectory}/redis-password.env.example"]);
    }

    [Fact]
    public void A_managed_redis_in_one_environment_removes_the_in_cluster_copy_there_only()
    {
        var options = Builders.Options(options =>
            options.Environments["production"].ExternalServices["redis"] = new ExternalService { Cidr = "10.20.0.0/24" });

        var files = Builders.Publish(SampleGraph.Graph, options).Files;

        Assert.Contains("overlays/production/patches/redis-delete-statefulset-redis.yaml", files.Keys);
        // Production is blue-green: each colour's gateway gets its own egress patch.
        Assert.Contains("cidr: 10.20.0.0/24", files["overlays/production/patches/gateway-blue-external-networkpolicy.yaml"]);
        Assert.Contains("cidr: 10.20.0.0/24", files["overlays/production/patches/gateway-green-external-networkpolicy.yaml"]);
        Assert.DoesNotContain(files.Keys, path => path.StartsWith("overlays/staging/patches/redis-delete", StringComparison.Ordinal));
    }

    [Fact]
    public void A_managed_redis_s_secret_file_names_the_keys_the_clients_and_the_scaler_read()
    {
        var options = Builders.Options(options =>
            options.Environments["production"].ExternalServices["redis"] = new ExternalService { Cidr = "10.20.0.0/24" });

        var files = Builders.Publish(SampleGraph.WithStreamBacklog, options).Files;

        Assert.Equal(
            "# Copy to redis-connection-string.env (git-ignored) and fill in; kustomize builds the Secret 'redis-connection-string' from it.\naddress=\npassword=\nvalue=\n",
            files[$"overlays/production/{ManifestSet.SecretsDirectory}/redis-connection-string.env.example"]);
        Assert.Contains("kind: TriggerAuthentication", files["overlays/production/autoscaling.yaml"]);
        Assert.Contains("configurations:\n- kustomizeconfig/keda-secret-names.yaml\n", files["overlays/production/kustomization.yaml"]);
        Assert.Contains("path: spec/secretTargetRef/name", files["overlays/production/kustomizeconfig/keda-secret-names.yaml"]);
        Assert.DoesNotContain("configurations:", files["overlays/staging/kustomization.yaml"]);
    }

    [Fact]
    public void External_secrets_read_a_one_key_secret_whole_and_a_managed_redis_field_by_field()
    {
        var options = Builders.Options(options =>
        {
            var production = options.Environments["production"];
            production.ExternalServices["redis"] = new ExternalService { Cidr = "10.20.0.0/24" };
            production.ExternalSecrets = new ExternalSecretsProfile
            {
                Region = "eu-west-1",
                RoleArn = "arn:aws:iam::123456789012:role/platform-production-external-secrets",
                RemoteKeys = new(StringComparer.Ordinal)
                {
                    ["llm"] = "platform-production/llm",
                    ["redis-connection-string"] = "platform-production/redis-connection-string",
                },
            };
        });

        var files = Builders.Publish(SampleGraph.WithStreamBacklog, options).Files;
        var externalSecrets = files["overlays/production/external-secrets.yaml"];

        Assert.DoesNotContain(files.Keys, path => path.StartsWith($"overlays/production/{ManifestSet.SecretsDirectory}/", StringComparison.Ordinal));
        Assert.DoesNotContain("configurations:", files["overlays/production/kustomization.yaml"]);
        Assert.Contains(
            "  - secretKey: value\n    remoteRef:\n      key: platform-production/llm\n",
            externalSecrets);
        foreach (var key in new[] { "address", "password", "value" })
        {
            Assert.Contains(
                $"  - secretKey: {key}\n    remoteRef:\n      key: platform-production/redis-connection-string\n      property: {key}\n",
                externalSecrets);
        }
    }

    [Fact]
    public void A_floating_tag_outside_dev_stops_the_publish()
    {
        var options = Builders.Options(options => options.Environments["staging"].ImageTag = "latest");

        var failure = Assert.Throws<System.ComponentModel.DataAnnotations.ValidationException>(() => Builders.Publish(SampleGraph.Graph, options));

        Assert.Contains("staging", failure.Message);
    }
}
