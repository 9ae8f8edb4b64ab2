using k8s;
using k8s.Models;
using Platform.Hosting.Kubernetes.Graph;

namespace Platform.Hosting.Kubernetes.Manifests;

/// <summary>
/// A project as a hardened Deployment: ServiceAccount without a token, ConfigMap of plain settings, Service,
/// Deployment with probes from the health endpoints and a graceful drain, and PodDisruptionBudget. The autoscalers
/// are per environment (<see cref="Autoscaling.AutoscalingManifests"/>); per-environment numbers here are the base
/// defaults that overlays patch.
/// </summary>
public sealed class ProjectManifests(KubernetesPublisherOptions options)
{
    public const string Component = "service";

    public IEnumerable<IKubernetesObject> Build(Workload workload, EnvironmentProfile profile)
    {
        var labels = WorkloadLabels.For(workload.Name, Component, options.PartOf);
        var settings = Settings(workload);

        yield return new V1ServiceAccount
        {
            ApiVersion = "v1",
            Kind = V1ServiceAccount.KubeKind,
            Metadata = WorkloadLabels.Metadata(workload.Name, labels),
            AutomountServiceAccountToken = false,
        };
        yield return new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = V1ConfigMap.KubeKind,
            Metadata = WorkloadLabels.Metadata(SettingsName(workload.Name), labels),
            Data = settings,
        };
        yield return Service(workload, labels);
        // One DNS address per ready pod: the gateway balances over replicas itself, and Prometheus finds its targets.
        yield return Service(workload, PerReplicaDestinations.Labels(labels), PerReplicaDestinations.ServiceName(workload.Name), headless: true);
        yield return Deployment(workload, labels, settings, profile);
        yield return DisruptionBudget(workload, labels, profile);
        if (options.ServiceMonitors)
        {
            yield return new ServiceMonitor
            {
                Metadata = WorkloadLabels.Metadata(workload.Name, labels),
                Spec = new ServiceMonitorSpec
                {
                    Selector = new V1LabelSelector { MatchLabels = PerReplicaDestinations.Labels(WorkloadLabels.Selector(workload.Name)) },
                    Endpoints = [new ServiceMonitorEndpoint { Port = workload.PrimaryPort.Name, Path = options.MetricsPath }],
                },
            };
        }
    }

    public static string SettingsName(string workload) => $"{workload}-settings";

    public const string SettingsDigestAnnotation = "platform/settings-digest";

    /// <summary>The ConfigMap data: the graph's plain settings plus telemetry export.</summary>
    public IDictionary<string, string> Settings(Workload workload)
    {
        var settings = ContainerEnvironment.Settings(workload.Environment);
        foreach (var (key, value) in Telemetry(workload))
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>Every workload exports to the in-cluster collector under its resource name.</summary>
    private IEnumerable<KeyValuePair<string, string>> Telemetry(Workload workload)
    {
        yield return new("OTEL_EXPORTER_OTLP_ENDPOINT", options.OtlpEndpoint.GetLeftPart(UriPartial.Authority));
        yield return new("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc");
        // Prometheus scrapes /metrics; traces and logs alone travel over OTLP, so no metric is counted twice.
        yield return new("OTEL_METRICS_EXPORTER", "prometheus");
        yield return new("OTEL_SERVICE_NAME", workload.Name);
        // The host's graceful shutdown fits inside the pod's grace period, after the preStop sleep.
        yield return new("DOTNET_shutdownTimeoutSeconds", ((long)options.Drain.ShutdownTimeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public const string EnvironmentVariable = "DEPLOYMENT_ENVIRONMENT";

    /// <summary>
    /// Secret-backed variables, then <c>deployment.environment.name</c> on every signal, read through the downward
    /// API from the environment label each overlay puts on the pod template.
    /// </summary>
    public static List<V1EnvVar> ContainerVariables(Workload workload) =>
    [
        .. ContainerEnvironment.SecretVariables(workload.Environment) ?? [],
        new V1EnvVar
        {
            Name = EnvironmentVariable,
            ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = $"metadata.labels['{WorkloadLabels.Environment}']" } },
        },
        new V1EnvVar { Name = "OTEL_RESOURCE_ATTRIBUTES", Value = $"deployment.environment.name=$({EnvironmentVariable})" },
    ];

    internal static V1Service Service(Workload workload, IDictionary<string, string> labels, string? name = null, bool headless = false) => new()
    {
        ApiVersion = "v1",
        Kind = V1Service.KubeKind,
        Metadata = WorkloadLabels.Metadata(name ?? workload.Name, labels),
        Spec = new V1ServiceSpec
        {
            Type = "ClusterIP",
            ClusterIP = headless ? "None" : null,
            Selector = WorkloadLabels.Selector(workload.Name),
            Ports = [.. workload.Ports.Select(port => new V1ServicePort
            {
                Name = port.Name,
                Port = port.Number,
                TargetPort = port.Name,
                Protocol = "TCP",
            })],
        },
    };

    private V1Deployment Deployment(Workload workload, IDictionary<string, string> labels, IDictionary<string, string> settings, EnvironmentProfile profile) => new()
    {
        ApiVersion = "apps/v1",
        Kind = V1Deployment.KubeKind,
        Metadata = WorkloadLabels.Metadata(workload.Name, labels),
        Spec = new V1DeploymentSpec
        {
            // No replicas: the HorizontalPodAutoscaler owns the count, so an apply never resets it.
            RevisionHistoryLimit = 10,
            Selector = new V1LabelSelector { MatchLabels = WorkloadLabels.Selector(workload.Name) },
            Strategy = new V1DeploymentStrategy
            {
                Type = "RollingUpdate",
                RollingUpdate = new V1RollingUpdateDeployment { MaxSurge = 1, MaxUnavailable = 0 },
            },
            Template = new V1PodTemplateSpec
            {
                Metadata = WorkloadLabels.Metadata(
                    null,
                    labels,
                    new SortedDictionary<string, string>(StringComparer.Ordinal)
                    {
                        [SettingsDigestAnnotation] = ContainerEnvironment.Digest(settings),
                        ["prometheus.io/path"] = options.MetricsPath,
                        ["prometheus.io/port"] = workload.PrimaryPort.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        ["prometheus.io/scrape"] = "true",
                    }),
                Spec = new V1PodSpec
                {
                    ServiceAccountName = workload.Name,
                    AutomountServiceAccountToken = false,
                    EnableServiceLinks = false,
                    TerminationGracePeriodSeconds = options.Drain.GracePeriodSeconds,
                    SecurityContext = PodHardening.PodSecurity(options.RunAsUser),
                    Affinity = SpreadOverNodes(workload.Name),
                    TopologySpreadConstraints = TopologySpread(workload.Name, profile),
                    Containers = [Container(workload, profile)],
                    Volumes = [PodHardening.Tmp()],
                },
            },
        },
    };

    internal V1Container Container(Workload workload, EnvironmentProfile profile) => new()
    {
        Name = workload.Name,
        Image = $"{workload.Image}:{profile.ImageTag}",
        ImagePullPolicy = "Always",
        Ports = [.. workload.Ports.Select(port => new V1ContainerPort { Name = port.Name, ContainerPort = port.Number, Protocol = "TCP" })],
        EnvFrom = [new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = SettingsName(workload.Name) } }],
        Env = ContainerVariables(workload),
        // The images have no shell: the kubelet sleeps (Kubernetes >= 1.30) while endpoints stop sending here.
        Lifecycle = new V1Lifecycle { PreStop = new V1LifecycleHandler { Sleep = new V1SleepAction { Seconds = (long)Math.Ceiling(options.Drain.PreStopDelay.TotalSeconds) } } },
        Resources = PodHardening.Resources(profile.SizingFor(workload.Name)),
        SecurityContext = PodHardening.ContainerSecurity(options.RunAsUser),
        VolumeMounts = [PodHardening.TmpMount()],
        // Startup gives a slow start (model loading) five minutes before liveness may restart the pod.
        StartupProbe = HttpProbe(options.LivenessPath, workload, periodSeconds: 5, failureThreshold: 60),
        LivenessProbe = HttpProbe(options.LivenessPath, workload, periodSeconds: 10, failureThreshold: 3),
        ReadinessProbe = HttpProbe(workload.ReadinessPath, workload, periodSeconds: 5, failureThreshold: 3),
    };

    private static V1Probe HttpProbe(string path, Workload workload, int periodSeconds, int failureThreshold) => new()
    {
        HttpGet = new V1HTTPGetAction { Path = path, Port = workload.PrimaryPort.Name, Scheme = "HTTP" },
        PeriodSeconds = periodSeconds,
        TimeoutSeconds = 3,
        FailureThreshold = failureThreshold,
    };

    internal static V1Affinity SpreadOverNodes(string workload) => new()
    {
        PodAntiAffinity = new V1PodAntiAffinity
        {
            PreferredDuringSchedulingIgnoredDuringExecution =
            [
                new V1WeightedPodAffinityTerm
                {
                    Weight = 100,
                    PodAffinityTerm = new V1PodAffinityTerm
                    {
                        TopologyKey = "kubernetes.io/hostname",
                        LabelSelector = new V1LabelSelector { MatchLabels = WorkloadLabels.Selector(workload) },
                    },
                },
            ],
        },
    };

    /// <summary>
    /// Zones, then nodes; the zone rule is hard where the environment requires it. Only pods of the same revision
    /// count (<c>pod-template-hash</c>), so a rollout's surge pod is not held back by the pods it replaces.
    /// </summary>
    internal static IList<V1TopologySpreadConstraint>? TopologySpread(string workload, EnvironmentProfile profile) => profile.SpreadAcrossZones
        ?
        [
            Spread(workload, "topology.kubernetes.io/zone", profile.RequireZoneSpread ? "DoNotSchedule" : "ScheduleAnyway"),
            Spread(workload, "kubernetes.io/hostname", "ScheduleAnyway"),
        ]
        : null;

    private static V1TopologySpreadConstraint Spread(string workload, string key, string whenUnsatisfiable) => new()
    {
        MaxSkew = 1,
        TopologyKey = key,
        WhenUnsatisfiable = whenUnsatisfiable,
        LabelSelector = new V1LabelSelector { MatchLabels = WorkloadLabels.Selector(workload) },
        MatchLabelKeys = ["pod-template-hash"],
    };

    internal static V1PodDisruptionBudget DisruptionBudget(Workload workload, IDictionary<string, string> labels, EnvironmentProfile profile) => new()
    {
        ApiVersion = "policy/v1",
        Kind = V1PodDisruptionBudget.KubeKind,
        Metadata = WorkloadLabels.Metadata(workload.Name, labels),
        Spec = new V1PodDisruptionBudgetSpec
        {
            MinAvailable = MinAvailable(profile.MinReplicas),
            Selector = new V1LabelSelector { MatchLabels = WorkloadLabels.Selector(workload.Name) },
            UnhealthyPodEvictionPolicy = "AlwaysAllow",
        },
    };

    /// <summary>One below the replica floor, so a node drain can always move a pod.</summary>
    public static int MinAvailable(int minReplicas) => minReplicas - 1;
}
