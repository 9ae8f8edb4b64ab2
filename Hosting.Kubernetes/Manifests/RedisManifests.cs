using k8s;
using k8s.Models;
using Platform.Hosting.Kubernetes.Graph;

namespace Platform.Hosting.Kubernetes.Manifests;

/// <summary>
/// The Redis container as a one-replica StatefulSet with a PersistentVolumeClaim, its password from a Secret,
/// append-only persistence, <c>maxmemory</c> below the container's memory limit with <c>noeviction</c> (it holds
/// state, not a cache: a full Redis refuses writes instead of dropping runs, and is never OOM-killed into an AOF
/// replay loop), the same restricted security context as every pod, and probes that ask Redis itself.
/// </summary>
public static class RedisManifests
{
    public const string Component = "cache";
    public const string DataVolume = "data";
    public const string DataPath = "/data";

    public static IEnumerable<IKubernetesObject> Build(Workload workload, EnvironmentSettings settings)
    {
        var labels = WorkloadLabels.For(workload.Name, Component, settings.PartOf);
        yield return new V1ServiceAccount
        {
            ApiVersion = "v1",
            Kind = V1ServiceAccount.KubeKind,
            Metadata = WorkloadLabels.Metadata(workload.Name, labels),
            AutomountServiceAccountToken = false,
        };
        yield return ServiceManifest.Build(workload, labels);
        yield return ServiceManifest.Build(workload, labels, HeadlessName(workload.Name), headless: true);
        yield return StatefulSet(workload, labels, settings);
        // One replica: a budget of zero available lets a drain move it.
        yield return Availability.DisruptionBudget(workload, labels, minReplicas: 1);
    }

    public static string HeadlessName(string workload) => $"{workload}-headless";

    /// <summary>The server's arguments; <c>maxmemory</c> is a share of this environment's memory limit, in bytes.</summary>
    public static IList<string> Arguments(Workload workload, EnvironmentSettings settings)
    {
        var password = workload.Environment.First(variable => variable.SingleSecret is not null);
        var limit = new ResourceQuantity(settings.SizingFor(workload.Name).MemoryLimit).ToDecimal();
        var maxMemory = (long)(limit * settings.Redis.MaxMemoryPercent / 100);
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        return
        [
            "--requirepass", $"$({password.Name})",
            "--port", workload.PrimaryPort.Number.ToString(invariant),
            "--dir", DataPath,
            "--appendonly", "yes",
            "--maxmemory", maxMemory.ToString(invariant),
            "--maxmemory-policy", "noeviction",
        ];
    }

    /// <summary>Ready when Redis answers and its used memory is below the pressure share of <c>maxmemory</c>.</summary>
    public static string ReadinessScript(int port, int pressurePercent) =>
        $"redis-cli -p {port} ping | grep -q PONG && redis-cli -p {port} info memory | tr -d '\\r' | " +
        $"awk -F: '/^used_memory:/{{u=$2}} /^maxmemory:/{{m=$2}} END{{exit (m > 0 && u * 100 >= m * {pressurePercent})}}'";

    private static V1StatefulSet StatefulSet(Workload workload, IDictionary<string, string> labels, EnvironmentSettings settings) => new()
    {
        ApiVersion = "apps/v1",
        Kind = V1StatefulSet.KubeKind,
        Metadata = WorkloadLabels.Metadata(workload.Name, labels),
        Spec = new V1StatefulSetSpec
        {
            Replicas = 1,
            ServiceName = HeadlessName(workload.Name),
            Selector = new V1LabelSelector { MatchLabels = WorkloadLabels.Selector(workload.Name) },
            Template = new V1PodTemplateSpec
            {
                Metadata = WorkloadLabels.Metadata(null, labels),
                Spec = new V1PodSpec
                {
                    ServiceAccountName = workload.Name,
                    AutomountServiceAccountToken = false,
                    EnableServiceLinks = false,
                    SecurityContext = PodHardening.PodSecurity(settings.RunAsUser),
                    Containers = [Container(workload, settings)],
                    Volumes = [PodHardening.Tmp()],
                },
            },
            VolumeClaimTemplates =
            [
                new V1PersistentVolumeClaim
                {
                    Metadata = WorkloadLabels.Metadata(DataVolume, labels),
                    Spec = new V1PersistentVolumeClaimSpec
                    {
                        AccessModes = ["ReadWriteOnce"],
                        Resources = new V1VolumeResourceRequirements
                        {
                            Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new(settings.RedisStorage) },
                        },
                    },
                },
            ],
        },
    };

    private static V1Container Container(Workload workload, EnvironmentSettings settings)
    {
        var port = workload.PrimaryPort;
        var env = ContainerEnvironment.SecretVariables(workload.Environment) ?? [];
        var password = workload.Environment.FirstOrDefault(variable => variable.SingleSecret is not null)
            ?? throw new NotSupportedException($"Redis '{workload.Name}' has no password parameter; the cluster never runs Redis without one.");
        // redis-cli reads the password from REDISCLI_AUTH, so the probe needs no shell expansion of a secret.
        env.Add(ContainerEnvironment.FromSecret("REDISCLI_AUTH", password.SingleSecret!));

        return new V1Container
        {
            Name = workload.Name,
            Image = workload.Image,
            ImagePullPolicy = "Always",
            Command = ["redis-server"],
            Args = Arguments(workload, settings),
            Ports = [new V1ContainerPort { Name = port.Name, ContainerPort = port.Number, Protocol = "TCP" }],
            Env = env,
            Resources = PodHardening.Resources(settings.SizingFor(workload.Name)),
            SecurityContext = PodHardening.ContainerSecurity(settings.RunAsUser),
            VolumeMounts = [new V1VolumeMount { Name = DataVolume, MountPath = DataPath }, PodHardening.TmpMount()],
            StartupProbe = new V1Probe { TcpSocket = new V1TCPSocketAction { Port = port.Name }, PeriodSeconds = 5, FailureThreshold = 30, TimeoutSeconds = 3 },
            LivenessProbe = new V1Probe { TcpSocket = new V1TCPSocketAction { Port = port.Name }, PeriodSeconds = 10, FailureThreshold = 3, TimeoutSeconds = 3 },
            ReadinessProbe = new V1Probe
            {
                Exec = new V1ExecAction { Command = ["sh", "-c", ReadinessScript(port.Number, settings.Redis.MemoryPressurePercent)] },
                PeriodSeconds = 5,
                FailureThreshold = 3,
                TimeoutSeconds = 3,
            },
        };
    }
}
