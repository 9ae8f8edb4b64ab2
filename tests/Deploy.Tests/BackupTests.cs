using System.ComponentModel.DataAnnotations;
using Platform.Deploy.Tests.Support;
using Platform.Hosting.Kubernetes;

namespace Platform.Deploy.Tests;

/// <summary>
/// Scheduled Redis backups and the restore Job's template (docs/operations.md "Backup", "Restore"), rendered by
/// <c>kubectl kustomize</c> and held to the rules every pod follows. The scripts they run are the ones the restore
/// drill runs (tests/Recovery.Tests).
/// </summary>
[Collection(PublishedPlatformCollection.Name)]
public sealed class BackupTests(PublishedPlatform platform)
{
    public static TheoryData<string> Environments => [.. PublishedPlatform.Environments];

    [Theory]
    [MemberData(nameof(Environments))]
    public void Redis_is_snapshot_on_a_schedule_then_shipped_with_retention_using_the_redis_password(string environment)
    {
        var rendered = platform.Rendered[environment];
        var defaults = new BackupOptions();
        var job = rendered.Single<V1CronJob>("redis-backup");
        var pod = job.Spec.JobTemplate.Spec.Template.Spec;

        Assert.Equal(defaults.Schedule, job.Spec.Schedule);
        Assert.Equal("Forbid", job.Spec.ConcurrencyPolicy);
        Assert.NotEqual(true, job.Spec.Suspend);
        Assert.Equal((long)defaults.Deadline.TotalSeconds, job.Spec.JobTemplate.Spec.ActiveDeadlineSeconds);
        var snapshot = Assert.Single(pod.InitContainers);
        var ship = Assert.Single(pod.Containers);
        Assert.Equal(["sh", "/scripts/redis-backup.sh", "snapshot"], snapshot.Command);
        Assert.Equal(["sh", "/scripts/redis-backup.sh", "ship"], ship.Command);

        // The snapshot reaches Redis by its Service and authenticates with the Secret Redis itself reads.
        var redis = rendered.Single<V1StatefulSet>("redis").Spec.Template.Spec.Containers.Single();
        var service = rendered.Single<V1Service>("redis");
        var env = snapshot.Env.ToDictionary(variable => variable.Name);
        Assert.Equal(service.Metadata.Name, env["REDIS_HOST"].Value);
        Assert.Equal(service.Spec.Ports.Single().Port.ToString(System.Globalization.CultureInfo.InvariantCulture), env["REDIS_PORT"].Value);
        Assert.Equal(redis.Env.Single(variable => variable.Name == "REDISCLI_AUTH").ValueFrom.SecretKeyRef.Name, env["REDISCLI_AUTH"].ValueFrom.SecretKeyRef.Name);
        Assert.Equal(redis.Image, snapshot.Image);
        Assert.Equal(defaults.Retention.ToString(System.Globalization.CultureInfo.InvariantCulture), env["BACKUP_RETENTION"].Value);

        // The file target: the backups claim, mounted where BACKUP_TARGET points.
        Assert.Equal("file:///backups", env["BACKUP_TARGET"].Value);
        var claim = rendered.Single<V1PersistentVolumeClaim>("redis-backups");
        Assert.Equal(defaults.VolumeSize, claim.Spec.Resources.Requests["storage"].ToString());
        var backups = Assert.Single(pod.Volumes, volume => volume.PersistentVolumeClaim?.ClaimName == claim.Metadata.Name);
        Assert.Contains(ship.VolumeMounts, mount => mount.Name == backups.Name && mount.MountPath == "/backups");
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Backup_and_restore_pods_follow_the_restricted_profile_with_requests_and_limits(string environment)
    {
        var rendered = platform.Rendered[environment];
        var jobs = rendered.Jobs.ToList();

        Assert.Equal(["redis-backup", "redis-restore"], jobs.Select(job => job.Name).Order());
        Assert.All(jobs, job =>
        {
            var pod = job.Pod;
            Assert.True(pod.SecurityContext.RunAsNonRoot);
            Assert.True(pod.SecurityContext.RunAsUser > 10000);
            Assert.Equal("RuntimeDefault", pod.SecurityContext.SeccompProfile.Type);
            Assert.False(pod.AutomountServiceAccountToken ?? true);
            Assert.False(rendered.Single<V1ServiceAccount>(pod.ServiceAccountName).AutomountServiceAccountToken ?? true);
            Assert.Equal("Never", pod.RestartPolicy);
            Assert.All(pod.Volumes, volume => Assert.Null(volume.HostPath));
            Assert.All(pod.InitContainers.Concat(pod.Containers), container =>
            {
                Assert.False(container.SecurityContext.AllowPrivilegeEscalation ?? true);
                Assert.Equal(["ALL"], container.SecurityContext.Capabilities.Drop);
                Assert.True(container.SecurityContext.ReadOnlyRootFilesystem ?? false);
                Assert.Contains(container.VolumeMounts, mount => mount.MountPath == "/tmp");
                Assert.Equal("Always", container.ImagePullPolicy);
                Assert.DoesNotContain(":latest", container.Image, StringComparison.Ordinal);
                foreach (var resource in new[] { "cpu", "memory", "ephemeral-storage" })
                {
                    Assert.True(container.Resources.Requests.ContainsKey(resource), $"{job}/{container.Name} requests {resource}");
                    Assert.True(container.Resources.Limits.ContainsKey(resource), $"{job}/{container.Name} limits {resource}");
                }
            });
            // The snapshot is written to a claim of its own, not to ephemeral storage.
            Assert.NotNull(Assert.Single(pod.Volumes, volume => volume.Name == "work").Ephemeral);
        });
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void The_jobs_run_the_scripts_of_deploy_backup_byte_for_byte(string environment)
    {
        var scripts = platform.Rendered[environment].Single<V1ConfigMap>("redis-backup-scripts").Data;

        Assert.Equal(["redis-backup.sh", "redis-restore.sh"], scripts.Keys.Order());
        Assert.All(scripts, script => Assert.Equal(
            File.ReadAllText(Path.Combine(Repository.Root, "deploy", "backup", script.Key)).ReplaceLineEndings("\n"), script.Value));
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void The_restore_template_is_suspended_and_loads_into_the_volume_of_the_redis_pod(string environment)
    {
        var rendered = platform.Rendered[environment];
        var restore = rendered.Single<V1CronJob>("redis-restore");
        var pod = restore.Spec.JobTemplate.Spec.Template.Spec;
        var redis = rendered.Single<V1StatefulSet>("redis");
        var redisData = redis.Spec.Template.Spec.Containers.Single().VolumeMounts.Single(mount => mount.Name == redis.Spec.VolumeClaimTemplates.Single().Metadata.Name);

        Assert.True(restore.Spec.Suspend);
        Assert.Equal(["sh", "/scripts/redis-restore.sh", "fetch"], Assert.Single(pod.InitContainers).Command);
        var load = Assert.Single(pod.Containers);
        Assert.Equal(["sh", "/scripts/redis-restore.sh", "load"], load.Command);
        Assert.Equal(redis.Spec.Template.Spec.Containers.Single().Image, load.Image);

        // A StatefulSet's pod N mounts the claim <template>-<statefulset>-N; the only replica is 0.
        var data = Assert.Single(pod.Volumes, volume => volume.PersistentVolumeClaim?.ClaimName == $"{redis.Spec.VolumeClaimTemplates.Single().Metadata.Name}-{redis.Metadata.Name}-0");
        Assert.Contains(load.VolumeMounts, mount => mount.Name == data.Name && mount.MountPath == redisData.MountPath);
        Assert.Equal(redisData.MountPath, load.Env.Single(variable => variable.Name == "REDIS_DATA_DIR").Value);
        Assert.Equal("latest", load.Env.Single(variable => variable.Name == "BACKUP_NAME").Value);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Only_the_backup_pods_reach_redis_beyond_the_graph_and_restore_pods_reach_nothing(string environment)
    {
        var rendered = platform.Rendered[environment];
        var redisPort = rendered.Single<V1Service>("redis").Spec.Ports.Single().Port;

        var ingress = rendered.Single<V1NetworkPolicy>("redis").Spec.Ingress;
        Assert.Contains(ingress, rule => rule.FromProperty.Single().PodSelector?.MatchLabels[PolicyEdges.NameLabel] == "redis-backup"
            && rule.Ports.Single().Port.Value == redisPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var egress = Assert.Single(rendered.Single<V1NetworkPolicy>("redis-backup").Spec.Egress);
        Assert.Equal("redis", egress.To.Single().PodSelector.MatchLabels[PolicyEdges.NameLabel]);

        // Restore pods (file target) are selected by default-deny alone: no policy lets them reach anything.
        Assert.DoesNotContain(rendered.All<V1NetworkPolicy>(), policy =>
            policy.Spec.PodSelector.MatchLabels?.TryGetValue(PolicyEdges.NameLabel, out var selected) == true && selected == "redis-restore");
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task The_restore_command_acts_on_objects_the_overlay_renders(string environment)
    {
        var rendered = platform.Rendered[environment];
        var @namespace = rendered.All<V1Namespace>().Single().Metadata.Name;

        var (exitCode, output) = await Shell.RunAsync("sh", [Path.Combine(Repository.Root, "deploy", "backup", "redis-restore.sh"), "cluster", "--namespace", @namespace, "--dry-run"]);

        Assert.Equal(0, exitCode);
        var commands = output.Trim().Split('\n');
        Assert.All(commands, command => Assert.StartsWith($"kubectl -n {@namespace} ", command));
        var redis = rendered.Single<V1StatefulSet>("redis");
        Assert.Contains(commands, command => command.Contains("set env cronjob/redis-restore BACKUP_NAME=latest", StringComparison.Ordinal));
        Assert.Contains(commands, command => command.Contains("scale statefulset/redis --replicas=0", StringComparison.Ordinal));
        Assert.Contains(commands, command => command.Contains($"pod/{redis.Metadata.Name}-0", StringComparison.Ordinal));
        Assert.Contains(commands, command => command.Contains("--from=cronjob/redis-restore", StringComparison.Ordinal));
        const string agentsSelector = "app.kubernetes.io/name in (agents,agents-blue,agents-green)";
        Assert.Contains(commands, command => command.Contains($"rollout restart deployment -l {agentsSelector}", StringComparison.Ordinal));
        Assert.NotNull(rendered.Single<V1CronJob>("redis-restore"));
        // Every agents deployment the overlay renders (one, or one per colour) is named by the restart's selector.
        var agents = rendered.All<V1Deployment>().Where(deployment => deployment.Metadata.Name.StartsWith("agents", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(agents);
        Assert.All(agents, deployment => Assert.Contains($"{deployment.Metadata.Labels["app.kubernetes.io/name"]},", agentsSelector.Replace(")", ",", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_s3_target_ships_with_the_aws_cli_over_https_to_public_addresses_only()
    {
        var rendered = await PublishAsync(options =>
        {
            options.Backup.Target = "s3://platform-backups/redis";
            options.Backup.Region = "eu-west-1";
            options.Backup.RoleArn = "arn:aws:iam::123456789012:role/platform-redis-backup";
        }, "staging");
        var backup = rendered.Single<V1CronJob>("redis-backup").Spec.JobTemplate.Spec.Template.Spec;
        var restore = rendered.Single<V1CronJob>("redis-restore").Spec.JobTemplate.Spec.Template.Spec;
        var defaults = new BackupOptions();

        Assert.Equal(defaults.AwsCliImage, backup.Containers.Single().Image);
        Assert.Equal(defaults.AwsCliImage, restore.InitContainers.Single().Image);
        Assert.Equal("s3://platform-backups/redis", backup.Containers.Single().Env.Single(variable => variable.Name == "BACKUP_TARGET").Value);
        Assert.Equal("eu-west-1", backup.Containers.Single().Env.Single(variable => variable.Name == "AWS_REGION").Value);
        Assert.DoesNotContain(rendered.All<V1PersistentVolumeClaim>(), claim => claim.Metadata.Name == "redis-backups");
        Assert.Equal("arn:aws:iam::123456789012:role/platform-redis-backup", rendered.Single<V1ServiceAccount>("redis-backup").Metadata.Annotations["eks.amazonaws.com/role-arn"]);
        foreach (var name in new[] { "redis-backup", "redis-restore" })
        {
            var https = Assert.Single(rendered.Single<V1NetworkPolicy>(name).Spec.Egress, rule => rule.Ports.Single().Port.Value == "443");
            Assert.Equal("0.0.0.0/0", https.To.Single().IpBlock.Cidr);
            Assert.Contains("169.254.0.0/16", https.To.Single().IpBlock.Except);
            Assert.Contains("10.0.0.0/8", https.To.Single().IpBlock.Except);
        }
    }

    [Fact]
    public async Task An_environment_on_a_managed_redis_renders_no_backup_objects()
    {
        var rendered = await PublishAsync(options =>
            options.Environments["production"].ExternalServices["redis"] = new ExternalService { Cidr = "10.20.0.0/24" }, "production");

        Assert.Empty(rendered.All<V1CronJob>());
        Assert.DoesNotContain(rendered.All<V1ConfigMap>(), map => map.Metadata.Name.StartsWith("redis-backup", StringComparison.Ordinal));
        Assert.DoesNotContain(rendered.All<V1PersistentVolumeClaim>(), claim => claim.Metadata.Name == "redis-backups");
        Assert.DoesNotContain(rendered.All<V1NetworkPolicy>(), policy => policy.Metadata.Name == "redis-backup");
        Assert.DoesNotContain(rendered.All<V1ServiceAccount>(), account => account.Metadata.Name == "redis-backup");
    }

    [Theory]
    [InlineData("ftp://backups.example.com/redis")]
    [InlineData("s3://")]
    [InlineData("file:///var/backups")]
    public void A_target_other_than_file_or_an_s3_url_is_refused(string target)
    {
        var options = KubernetesPublisherOptions.CreateDefault();
        options.Backup.Target = target;

        var error = Assert.Throws<ValidationException>(options.Validate);
        Assert.Contains("Kubernetes:Backup:Target", error.Message, StringComparison.Ordinal);
    }

    private async Task<RenderedEnvironment> PublishAsync(Action<KubernetesPublisherOptions> configure, string environment)
    {
        var options = KubernetesPublisherOptions.CreateDefault();
        configure(options);
        var files = await new KubernetesPublisher(options).BuildAsync(platform.Model, platform.ExecutionContext, CancellationToken.None);
        using var published = new TemporaryDirectory();
        using var workspace = new TemporaryDirectory();
        files.WriteTo(published.Path);
        var copy = Kustomize.CopyWithExampleSecrets(published.Path, workspace.Path);
        return new RenderedEnvironment(environment, await Kustomize.RenderAsync(Path.Combine(copy, "overlays", environment)));
    }
}
