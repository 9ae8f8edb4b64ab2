using System.Globalization;
using k8s.Models;
using Platform.Hosting.Kubernetes.Graph;

namespace Platform.Hosting.Kubernetes.Manifests;

/// <summary>
/// The backup CronJob and the restore Job's template (a CronJob that stays suspended: <c>kubectl create job
/// --from=cronjob/{redis}-restore</c> starts one). Both run <see cref="BackupScripts"/> from their ConfigMap under the
/// same restricted security context as every pod, with the Redis image (redis-cli, redis-server, redis-check-rdb) and,
/// for an S3 target, the AWS CLI image for the transfer.
/// </summary>
public static class BackupJobs
{
    /// <summary>The restore template never runs on its own; this schedule is only required by the kind.</summary>
    public const string NeverSchedule = "0 0 1 1 *";

    private const string ScriptsVolume = "scripts";
    private const string WorkVolume = "work";
    private const string BackupsVolume = "backups";
    private const string DataVolume = "data";

    /// <summary>0444: the scripts are read by <c>sh</c>, never executed directly.</summary>
    private const int ReadOnlyMode = 292;

    public static V1CronJob Backup(Workload redis, EnvironmentSettings settings)
    {
        var backup = settings.Backup;
        var name = BackupManifests.BackupName(redis.Name);
        List<V1EnvVar> environment =
        [
            Plain("REDIS_HOST", redis.Name),
            Plain("REDIS_PORT", redis.PrimaryPort.Number.ToString(CultureInfo.InvariantCulture)),
            ContainerEnvironment.FromSecret("REDISCLI_AUTH", Password(redis)),
            Plain("BACKUP_RETENTION", backup.Retention.ToString(CultureInfo.InvariantCulture)),
            .. Common(settings),
        ];
        var pod = Pod(redis, settings, name,
            init: Container("snapshot", redis.Image, BackupScripts.Backup, "snapshot", environment, backup.Sizing, settings, includeData: false),
            main: Container("ship", TransferImage(redis, backup), BackupScripts.Backup, "ship", environment, backup.Sizing, settings, includeData: false),
            includeData: false);
        return CronJob(name, settings, backup.Schedule, suspend: false, pod, backup.Deadline);
    }

    public static V1CronJob Restore(Workload redis, EnvironmentSettings settings)
    {
        var backup = settings.Backup;
        var name = BackupManifests.RestoreName(redis.Name);
        List<V1EnvVar> environment =
        [
            Plain("BACKUP_NAME", "latest"),
            Plain("REDIS_DATA_DIR", RedisManifests.DataPath),
            .. Common(settings),
        ];
        var pod = Pod(redis, settings, name,
            init: Container("fetch", TransferImage(redis, backup), BackupScripts.Restore, "fetch", environment, backup.Sizing, settings, includeData: false),
            main: Container("load", redis.Image, BackupScripts.Restore, "load", environment, backup.RestoreSizing, settings, includeData: true),
            includeData: true);
        // A restore may load a large dataset and rewrite it into a fresh append-only file.
        return CronJob(name, settings, NeverSchedule, suspend: true, pod, backup.Deadline * 2);
    }

    private static string TransferImage(Workload redis, BackupOptions backup) => backup.IsFileTarget ? redis.Image : backup.AwsCliImage;

    private static SecretValue Password(Workload redis) =>
        redis.Environment.FirstOrDefault(variable => variable.SingleSecret is not null)?.SingleSecret
            ?? throw new NotSupportedException($"Redis '{redis.Name}' has no password parameter; the backup cannot authenticate.");

    private static IEnumerable<V1EnvVar> Common(EnvironmentSettings settings)
    {
        var backup = settings.Backup;
        yield return Plain("BACKUP_TARGET", backup.IsFileTarget ? $"file://{BackupManifests.BackupsPath}" : backup.Target);
        yield return Plain("BACKUP_WORK_DIR", BackupManifests.WorkPath);
        // The AWS CLI keeps its cache under HOME; the root filesystem is read-only.
        yield return Plain("HOME", "/tmp");
        if (!string.IsNullOrWhiteSpace(backup.Region))
        {
            yield return Plain("AWS_REGION", backup.Region);
        }
    }

    private static V1EnvVar Plain(string name, string value) => new() { Name = name, Value = value };

    private static V1CronJob CronJob(string name, EnvironmentSettings settings, string schedule, bool suspend, V1PodTemplateSpec pod, TimeSpan deadline) => new()
    {
        ApiVersion = "batch/v1",
        Kind = V1CronJob.KubeKind,
        Metadata = WorkloadLabels.Metadata(name, WorkloadLabels.For(name, BackupManifests.Component, settings.PartOf)),
        Spec = new V1CronJobSpec
        {
            Schedule = schedule,
            TimeZone = "Etc/UTC",
            Suspend = suspend ? true : null,
            // Never two at once: a second snapshot would only double the load on Redis.
            ConcurrencyPolicy = "Forbid",
            StartingDeadlineSeconds = 600,
            SuccessfulJobsHistoryLimit = 3,
            FailedJobsHistoryLimit = 3,
            JobTemplate = new V1JobTemplateSpec
            {
                Spec = new V1JobSpec
                {
                    BackoffLimit = 2,
                    ActiveDeadlineSeconds = (long)deadline.TotalSeconds,
                    TtlSecondsAfterFinished = 7 * 24 * 3600,
                    Template = pod,
                },
            },
        },
    };

    private static V1PodTemplateSpec Pod(Workload redis, EnvironmentSettings settings, string name, V1Container init, V1Container main, bool includeData)
    {
        var backup = settings.Backup;
        var volumes = new List<V1Volume>
        {
            new() { Name = ScriptsVolume, ConfigMap = new V1ConfigMapVolumeSource { Name = BackupManifests.ScriptsName(redis.Name), DefaultMode = ReadOnlyMode } },
            // A claim per job for the snapshot: it may be as large as the dataset, far beyond ephemeral storage.
            new()
            {
                Name = WorkVolume,
                Ephemeral = new V1EphemeralVolumeSource
                {
                    VolumeClaimTemplate = new V1PersistentVolumeClaimTemplate { Spec = BackupManifests.ClaimSpec(backup.WorkVolumeSize) },
                },
            },
            PodHardening.Tmp(),
        };
        if (backup.IsFileTarget)
        {
            volumes.Add(new V1Volume { Name = BackupsVolume, PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = BackupManifests.VolumeName(redis.Name) } });
        }

        if (includeData)
        {
            volumes.Add(new V1Volume { Name = DataVolume, PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = BackupManifests.DataClaimName(redis.Name) } });
        }

        return new V1PodTemplateSpec
        {
            Metadata = WorkloadLabels.Metadata(null, WorkloadLabels.For(name, BackupManifests.Component, settings.PartOf)),
            Spec = new V1PodSpec
            {
                ServiceAccountName = BackupManifests.BackupName(redis.Name),
                AutomountServiceAccountToken = false,
                EnableServiceLinks = false,
                RestartPolicy = "Never",
                SecurityContext = PodHardening.PodSecurity(settings.RunAsUser),
                InitContainers = [init],
                Containers = [main],
                Volumes = [.. volumes.OrderBy(volume => volume.Name, StringComparer.Ordinal)],
            },
        };
    }

    private static V1Container Container(
        string name, string image, string script, string command, IList<V1EnvVar> environment, ResourceSizing sizing, EnvironmentSettings settings, bool includeData)
    {
        var mounts = new List<V1VolumeMount>
        {
            new() { Name = ScriptsVolume, MountPath = BackupManifests.ScriptsPath, ReadOnlyProperty = true },
            new() { Name = WorkVolume, MountPath = BackupManifests.WorkPath },
            PodHardening.TmpMount(),
        };
        if (settings.Backup.IsFileTarget)
        {
            mounts.Add(new V1VolumeMount { Name = BackupsVolume, MountPath = BackupManifests.BackupsPath });
        }

        if (includeData)
        {
            mounts.Add(new V1VolumeMount { Name = DataVolume, MountPath = RedisManifests.DataPath });
        }

        return new V1Container
        {
            Name = name,
            Image = image,
            ImagePullPolicy = "Always",
            Command = ["sh", $"{BackupManifests.ScriptsPath}/{script}", command],
            Env = environment,
            Resources = PodHardening.Resources(sizing),
            SecurityContext = PodHardening.ContainerSecurity(settings.RunAsUser),
            VolumeMounts = [.. mounts.OrderBy(mount => mount.MountPath, StringComparer.Ordinal)],
        };
    }
}
