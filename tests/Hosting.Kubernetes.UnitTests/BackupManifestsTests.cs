using Platform.Hosting.Kubernetes.Manifests;
using Platform.Hosting.Kubernetes.UnitTests.Support;

namespace Platform.Hosting.Kubernetes.UnitTests;

public sealed class BackupManifestsTests
{
    [Theory]
    [InlineData("file")]
    [InlineData("s3://platform-backups/redis")]
    public void The_objects_an_external_redis_deletes_are_exactly_the_objects_the_backup_renders(string target)
    {
        var options = Builders.Options(options => options.Backup.Target = target);
        var settings = Builders.Settings("dev", options);

        var rendered = BackupManifests.Build(SampleGraph.Redis, settings)
            .Select(item => (item.ApiVersion, item.Kind, ((IMetadata<V1ObjectMeta>)item).Metadata.Name))
            .Order();

        Assert.Equal(BackupManifests.Objects(SampleGraph.Redis.Name, settings.Backup).Order(), rendered);
    }

    [Fact]
    public void The_file_target_keeps_backups_on_a_claim_and_the_s3_target_transfers_with_the_aws_cli()
    {
        var file = BackupManifests.Build(SampleGraph.Redis, Builders.Settings("dev")).ToList();
        var s3 = BackupManifests.Build(SampleGraph.Redis, Builders.Settings("dev", Builders.Options(options => options.Backup.Target = "s3://bucket/prefix"))).ToList();

        Assert.Equal("redis-backups", file.OfType<V1PersistentVolumeClaim>().Single().Metadata.Name);
        Assert.Equal(SampleGraph.Redis.Image, Ship(file).Image);
        Assert.Empty(s3.OfType<V1PersistentVolumeClaim>());
        Assert.Equal(new BackupOptions().AwsCliImage, Ship(s3).Image);
        Assert.Equal("s3://bucket/prefix", Ship(s3).Env.Single(variable => variable.Name == "BACKUP_TARGET").Value);
        // The snapshot is always taken with the Redis image's redis-cli.
        Assert.Equal(SampleGraph.Redis.Image, s3.OfType<V1CronJob>().Single(job => job.Metadata.Name == "redis-backup").Spec.JobTemplate.Spec.Template.Spec.InitContainers.Single().Image);
    }

    [Fact]
    public void Redis_admits_the_backup_pods_only_while_backups_are_enabled()
    {
        Assert.Contains(Builders.NetworkPolicies(SampleGraph.Graph).Single(policy => policy.Metadata.Name == "redis").Spec.Ingress,
            rule => rule.FromProperty.Single().PodSelector.MatchLabels["app.kubernetes.io/name"] == "redis-backup");
        Assert.DoesNotContain(
            Builders.NetworkPolicies(SampleGraph.Graph, Builders.Options(options => options.Backup.Enabled = false)).Single(policy => policy.Metadata.Name == "redis").Spec.Ingress ?? [],
            rule => rule.FromProperty.Single().PodSelector?.MatchLabels["app.kubernetes.io/name"] == "redis-backup");
    }

    private static V1Container Ship(IEnumerable<k8s.IKubernetesObject> objects) =>
        objects.OfType<V1CronJob>().Single(job => job.Metadata.Name == "redis-backup").Spec.JobTemplate.Spec.Template.Spec.Containers.Single();
}
