using System.ComponentModel.DataAnnotations;

namespace Platform.Hosting.Kubernetes;

/// <summary>
/// Scheduled backups of the in-cluster Redis (docs/operations.md "Backup"): a CronJob takes an RDB snapshot over the
/// network into a work volume and ships it to <see cref="Target"/>; a suspended CronJob is the template of the restore
/// Job. An environment that takes Redis from outside the cluster has neither: the managed service snapshots itself.
/// </summary>
public sealed class BackupOptions
{
    public const string FileTarget = "file";

    /// <summary>Render the backup and restore objects. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Cron schedule (UTC) of the backups; the recovery point objective is this interval. Default hourly.</summary>
    [Required]
    public string Schedule { get; set; } = "17 * * * *";

    /// <summary>Backups kept at the target; older ones are deleted after each successful backup. Default 48 (two days hourly).</summary>
    [Range(1, 10000)]
    public int Retention { get; set; } = 48;

    /// <summary>
    /// <c>file</c> (the default): the PersistentVolumeClaim <c>{redis}-backups</c> of <see cref="VolumeSize"/>; or
    /// <c>s3://bucket/prefix</c>: object storage through the AWS CLI, credentials from the role of the backup
    /// ServiceAccount (<see cref="RoleArn"/>).
    /// </summary>
    [Required]
    [RegularExpression("^(file|s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/[A-Za-z0-9!_.*'()/-]*)?)$",
        ErrorMessage = "Kubernetes:Backup:Target must be 'file' or 's3://<bucket>/<prefix>'.")]
    public string Target { get; set; } = FileTarget;

    /// <summary>Size of the backups volume of the file target: room for <see cref="Retention"/> snapshots. Default 20Gi.</summary>
    [Required]
    public string VolumeSize { get; set; } = "20Gi";

    /// <summary>Size of the per-job volume a snapshot is written to before it is shipped (and a restore fetched to). Default 4Gi.</summary>
    [Required]
    public string WorkVolumeSize { get; set; } = "4Gi";

    /// <summary>Image with the AWS CLI that ships to and fetches from an S3 target.</summary>
    [Required]
    public string AwsCliImage { get; set; } = "docker.io/amazon/aws-cli:2.27.0";

    /// <summary>AWS region of the S3 bucket; empty: the CLI's default.</summary>
    public string Region { get; set; } = "";

    /// <summary>IAM role the backup and restore pods assume (IRSA annotation on their ServiceAccount); empty: none.</summary>
    public string RoleArn { get; set; } = "";

    /// <summary>A backup Job that runs longer than this is stopped (and counts as failed). Default 30 minutes.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan Deadline { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Requests and limits of the backup containers (redis-cli, copy, upload).</summary>
    [Required]
    public ResourceSizing Sizing { get; set; } = ResourceSizing.Small;

    /// <summary>Requests and limits of the restore containers: the temporary Redis holds the whole dataset. Default large.</summary>
    [Required]
    public ResourceSizing RestoreSizing { get; set; } = ResourceSizing.Large;

    public bool IsFileTarget => Target == FileTarget;
}
