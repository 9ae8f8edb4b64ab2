using k8s;
using k8s.Models;
using Platform.Hosting.Kubernetes.Graph;

namespace Platform.Hosting.Kubernetes.Manifests;

/// <summary>
/// Backups of one in-cluster Redis (ADR 0040): a CronJob whose init container takes an RDB snapshot over the network
/// (<c>redis-cli --rdb</c>, so it needs no access to Redis's volume) into a per-job volume and whose container ships it
/// to the target and applies the retention; a suspended CronJob that is the restore Job's template (started by
/// <c>redis-restore.sh cluster</c> while Redis is scaled to zero, it loads a backup into Redis's volume); the scripts
/// as a ConfigMap; the backups volume of the file target; and NetworkPolicies that let the backup pods reach Redis
/// and, for S3, object storage.
/// </summary>
public static class BackupManifests
{
    public const string Component = "backup";
    public const string ScriptsPath = "/scripts";
    public const string WorkPath = "/backup/work";
    public const string BackupsPath = "/backups";

    public static string BackupName(string redis) => $"{redis}-backup";

    public static string RestoreName(string redis) => $"{redis}-restore";

    public static string ScriptsName(string redis) => $"{redis}-backup-scripts";

    public static string VolumeName(string redis) => $"{redis}-backups";

    /// <summary>The claim the StatefulSet's first (only) pod mounts as its data directory.</summary>
    public static string DataClaimName(string redis) => $"{RedisManifests.DataVolume}-{redis}-0";

    public static IEnumerable<IKubernetesObject> Build(Workload redis, EnvironmentSettings settings)
    {
        var backup = settings.Backup;
        var labels = WorkloadLabels.For(BackupName(redis.Name), Component, settings.PartOf);
        yield return new V1ServiceAccount
        {
            ApiVersion = "v1",
            Kind = V1ServiceAccount.KubeKind,
            Metadata = WorkloadLabels.Metadata(BackupName(redis.Name), labels, RoleAnnotation(backup)),
            AutomountServiceAccountToken = false,
        };
        yield return new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = V1ConfigMap.KubeKind,
            Metadata = WorkloadLabels.Metadata(ScriptsName(redis.Name), labels),
            Data = new SortedDictionary<string, string>(BackupScripts.All.ToDictionary(), StringComparer.Ordinal),
        };
        if (backup.IsFileTarget)
        {
            yield return new V1PersistentVolumeClaim
            {
                ApiVersion = "v1",
                Kind = V1PersistentVolumeClaim.KubeKind,
                Metadata = WorkloadLabels.Metadata(VolumeName(redis.Name), labels),
                Spec = ClaimSpec(backup.VolumeSize),
            };
        }

        yield return BackupJobs.Backup(redis, settings);
        yield return BackupJobs.Restore(redis, settings);
        yield return Policy(BackupName(redis.Name), labels,
        [
            new V1NetworkPolicyEgressRule
            {
                To = [new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector { MatchLabels = WorkloadLabels.Selector(redis.Name) } }],
                Ports = [new V1NetworkPolicyPort { Port = redis.PrimaryPort.Number, Protocol = "TCP" }],
            },
            .. ObjectStorageEgress(settings),
        ]);
        if (!backup.IsFileTarget)
        {
            yield return Policy(RestoreName(redis.Name), WorkloadLabels.For(RestoreName(redis.Name), Component, settings.PartOf), ObjectStorageEgress(settings));
        }
    }

    /// <summary>Redis admits the backup pods on its port, besides its graph's clients.</summary>
    public static V1NetworkPolicyIngressRule RedisIngress(Workload redis) => new()
    {
        FromProperty = [new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector { MatchLabels = WorkloadLabels.Selector(BackupName(redis.Name)) } }],
        Ports = [new V1NetworkPolicyPort { Port = redis.PrimaryPort.Number, Protocol = "TCP" }],
    };

    /// <summary>Every object <see cref="Build"/> names, for an environment that deletes the in-cluster Redis.</summary>
    public static IEnumerable<(string ApiVersion, string Kind, string Name)> Objects(string redis, BackupOptions backup)
    {
        yield return ("v1", V1ServiceAccount.KubeKind, BackupName(redis));
        yield return ("v1", V1ConfigMap.KubeKind, ScriptsName(redis));
        if (backup.IsFileTarget)
        {
            yield return ("v1", V1PersistentVolumeClaim.KubeKind, VolumeName(redis));
        }

        yield return ("batch/v1", V1CronJob.KubeKind, BackupName(redis));
        yield return ("batch/v1", V1CronJob.KubeKind, RestoreName(redis));
        yield return ("networking.k8s.io/v1", V1NetworkPolicy.KubeKind, BackupName(redis));
        if (!backup.IsFileTarget)
        {
            yield return ("networking.k8s.io/v1", V1NetworkPolicy.KubeKind, RestoreName(redis));
        }
    }

    public static V1PersistentVolumeClaimSpec ClaimSpec(string size) => new()
    {
        AccessModes = ["ReadWriteOnce"],
        Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new(size) } },
    };

    private static IDictionary<string, string>? RoleAnnotation(BackupOptions backup) => string.IsNullOrWhiteSpace(backup.RoleArn)
        ? null
        : new SortedDictionary<string, string>(StringComparer.Ordinal) { ["eks.amazonaws.com/role-arn"] = backup.RoleArn };

    /// <summary>HTTPS to public addresses (S3), never the cluster, node network or cloud metadata; none for the file target.</summary>
    private static List<V1NetworkPolicyEgressRule> ObjectStorageEgress(EnvironmentSettings settings) => settings.Backup.IsFileTarget
        ? []
        :
        [
            new V1NetworkPolicyEgressRule
            {
                To = [new V1NetworkPolicyPeer { IpBlock = new V1IPBlock { Cidr = "0.0.0.0/0", Except = [.. settings.PrivateRanges] } }],
                Ports = [new V1NetworkPolicyPort { Port = 443, Protocol = "TCP" }],
            },
        ];

    private static V1NetworkPolicy Policy(string name, IDictionary<string, string> labels, List<V1NetworkPolicyEgressRule> egress) => new()
    {
        ApiVersion = "networking.k8s.io/v1",
        Kind = V1NetworkPolicy.KubeKind,
        Metadata = WorkloadLabels.Metadata(name, labels),
        Spec = new V1NetworkPolicySpec
        {
            PodSelector = new V1LabelSelector { MatchLabels = WorkloadLabels.Selector(name) },
            PolicyTypes = ["Ingress", "Egress"],
            Egress = egress.Count > 0 ? egress : null,
        },
    };
}
