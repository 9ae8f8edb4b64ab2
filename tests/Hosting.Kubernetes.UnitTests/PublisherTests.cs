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
        Assert.Contains("cidr: 10.20.0.0/24", files["overlays/production/patches/gateway-external-networkpolicy.yaml"]);
        Assert.DoesNotContain(files.Keys, path => path.StartsWith("overlays/staging/patches/redis-delete", StringComparison.Ordinal));
    }

    [Fact]
    public void A_floating_tag_outside_dev_stops_the_publish()
    {
        var options = Builders.Options(options => options.Environments["staging"].ImageTag = "latest");

        var failure = Assert.Throws<System.ComponentModel.DataAnnotations.ValidationException>(() => Builders.Publish(SampleGraph.Graph, options));

        Assert.Contains("staging", failure.Message);
    }
}
