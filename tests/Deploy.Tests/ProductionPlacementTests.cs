using Platform.Deploy.Tests.Support;

namespace Platform.Deploy.Tests;

/// <summary>Production spreads replicas over zones as a hard rule and tags telemetry with the environment.</summary>
[Collection(PublishedPlatformCollection.Name)]
public sealed class ProductionPlacementTests(PublishedPlatform platform)
{
    public static TheoryData<string> Environments => [.. PublishedPlatform.Environments];

    [Fact]
    public void Production_replicas_never_crowd_one_zone()
    {
        Assert.All(platform.Rendered["production"].All<V1Deployment>(), deployment =>
        {
            var zone = Assert.Single(deployment.Spec.Template.Spec.TopologySpreadConstraints, constraint => constraint.TopologyKey == "topology.kubernetes.io/zone");
            Assert.Equal("DoNotSchedule", zone.WhenUnsatisfiable);
            Assert.Equal(1, zone.MaxSkew);
            // Only the current revision counts, so a rollout's surge pod is not held back by the pods it replaces.
            Assert.Equal(["pod-template-hash"], zone.MatchLabelKeys);
        });
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Telemetry_carries_the_deployment_environment(string environment)
    {
        Assert.All(platform.Rendered[environment].All<V1Deployment>(), deployment =>
        {
            var template = deployment.Spec.Template;
            var env = template.Spec.Containers.Single().Env;
            var source = Assert.Single(env, variable => variable.ValueFrom?.FieldRef is not null).ValueFrom.FieldRef.FieldPath;
            Assert.Equal("metadata.labels['app.kubernetes.io/environment']", source);
            Assert.Equal(environment, template.Metadata.Labels["app.kubernetes.io/environment"]);
            var attributes = Assert.Single(env, variable => variable.Name == "OTEL_RESOURCE_ATTRIBUTES").Value;
            var reference = env.Single(variable => variable.ValueFrom?.FieldRef is not null).Name;
            Assert.Equal($"deployment.environment.name=$({reference})", attributes);
            Assert.True(env.IndexOf(env.Single(variable => variable.Name == reference)) < env.IndexOf(env.Single(variable => variable.Name == "OTEL_RESOURCE_ATTRIBUTES")));
        });
    }
}
