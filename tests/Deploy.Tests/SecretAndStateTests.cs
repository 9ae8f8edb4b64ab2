using Platform.Deploy.Tests.Support;

namespace Platform.Deploy.Tests;

[Collection(PublishedPlatformCollection.Name)]
public sealed class SecretAndStateTests(PublishedPlatform platform)
{
    public static TheoryData<string> Environments => [.. PublishedPlatform.Environments];

    [Theory]
    [MemberData(nameof(Environments))]
    public void Secrets_reach_containers_only_by_reference_to_generated_secrets(string environment)
    {
        var rendered = platform.Rendered[environment];
        var secrets = rendered.All<V1Secret>().Select(secret => secret.Metadata.Name).ToHashSet();
        var env = rendered.Workloads.SelectMany(workload => workload.Pod.Containers).SelectMany(container => container.Env ?? []).ToList();

        Assert.Contains(env, variable => variable.ValueFrom?.SecretKeyRef is not null);
        Assert.All(env.Where(variable => variable.ValueFrom?.SecretKeyRef is not null), variable => Assert.Contains(variable.ValueFrom.SecretKeyRef.Name, secrets));
        Assert.All(env.Where(variable => variable.Value is not null), variable =>
            Assert.DoesNotMatch("(?i)(password|secret|token|key)$", variable.Name));
        Assert.All(rendered.All<V1ConfigMap>().SelectMany(map => map.Data.Keys), key =>
            Assert.DoesNotMatch("(?i)(password|secret|token)", key));
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Redis_is_a_stateful_set_with_a_volume_and_its_password_from_a_secret(string environment)
    {
        var rendered = platform.Rendered[environment];

        var redis = rendered.Single<V1StatefulSet>("redis");
        Assert.Equal("data", Assert.Single(redis.Spec.VolumeClaimTemplates).Metadata.Name);
        Assert.Equal("redis-headless", redis.Spec.ServiceName);
        Assert.Equal("None", rendered.Single<V1Service>("redis-headless").Spec.ClusterIP);
        var container = Assert.Single(redis.Spec.Template.Spec.Containers);
        Assert.Contains("$(REDIS_PASSWORD)", container.Args);
        Assert.StartsWith("redis-password-", container.Env.Single(variable => variable.Name == "REDIS_PASSWORD").ValueFrom.SecretKeyRef.Name);
        Assert.Contains(container.VolumeMounts, mount => mount.Name == "data" && mount.MountPath == "/data");
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Clients_build_the_redis_connection_string_from_the_password_secret(string environment)
    {
        var rendered = platform.Rendered[environment];

        foreach (var name in new[] { "agents", "gateway" }.SelectMany(rendered.NamesOf))
        {
            var env = rendered.Single<V1Deployment>(name).Spec.Template.Spec.Containers.Single().Env;
            var connection = env.Single(variable => variable.Name == "ConnectionStrings__redis").Value;
            var helper = env.Single(variable => connection.Contains($"$({variable.Name})", StringComparison.Ordinal));
            Assert.Equal("redis:6379,password=$(" + helper.Name + ")", connection);
            Assert.True(env.IndexOf(helper) < env.IndexOf(env.Single(variable => variable.Name == "ConnectionStrings__redis")), "the helper variable must come first to be expanded");
            Assert.StartsWith("redis-password-", helper.ValueFrom.SecretKeyRef.Name);
        }
    }
}
