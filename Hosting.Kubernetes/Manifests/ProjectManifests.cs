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
public static class ProjectManifests
{
    public const string Component = "service";

    public const string SettingsDigestAnnotation = "platform/settings-digest";

    public static IEnumerable<IKubernetesObject> Build(Workload workload, EnvironmentSettings settings)
    {
        var labels = WorkloadLabels.For(workload, Component, settings.PartOf);
        var plainSettings = Settings(workload, settings);

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
            Data = plainSettings,
        };
        yield return ServiceManifest.Build(workload, labels);
        // One DNS address per ready pod: the gateway balances over replicas itself, and Prometheus finds its targets.
        yield return ServiceManifest.Build(workload, PerReplicaDestinations.Labels(labels), PerReplicaDestinations.ServiceName(workload.Name), headless: true);
        yield return Deployment(workload, labels, plainSettings, settings);
        yield return Availability.DisruptionBudget(workload, labels, settings.MinReplicas);
        if (settings.ServiceMonitors)
        {
            yield return new ServiceMonitor
            {
                Metadata = WorkloadLabels.Metadata(workload.Name, labels),
                Spec = new ServiceMonitorSpec
                {
                    Selector = new V1LabelSelector { MatchLabels = PerReplicaDestinations.Labels(WorkloadLabels.Selector(workload.Name)) },
                    Endpoints = [new ServiceMonitorEndpoint { Port = workload.PrimaryPort.Name, Path = settings.MetricsPath }],
                },
            };
        }
    }

    public static string SettingsName(string workload) => $"{workload}-settings";

    /// <summary>The ConfigMap data: the graph's plain settings plus telemetry export.</summary>
    public static IDictionary<string, string> Settings(Workload workload, EnvironmentSettings settings)
    {
        var plain = ContainerEnvironment.Settings(workload.Environment);
        foreach (var (key, value) in Telemetry(workload, settings))
        {
            plain[key] = value;
        }

        return plain;
    }

    /// <summary>Every workload exports to the in-cluster collector under its resource name, the same in either colour.</summary>
    private static IEnumerable<KeyValuePair<string, string>> Telemetry(Workload workload, EnvironmentSettings settings)
    {
        yield return new("OTEL_EXPORTER_OTLP_ENDPOINT", settings.OtlpEndpoint.GetLeftPart(UriPartial.Authority));
        yield return new("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc");
        // Prometheus scrapes /metrics; traces and logs alone travel over OTLP, so no metric is counted twice.
        yield return new("OTEL_METRICS_EXPORTER", "prometheus");
        yield return new("OTEL_SERVICE_NAME", workload.App);
        // The host's graceful shutdown fits inside the pod's grace period, after the preStop sleep.
        yield return new("DOTNET_shutdownTimeoutSeconds", ((long)settings.Drain.ShutdownTimeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
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

    private static V1Deployment Deployment(Workload workload, IDictionary<string, string> labels, IDictionary<string, string> plainSettings, EnvironmentSettings settings) => new()
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
                        [SettingsDigestAnnotation] = ContainerEnvironment.Digest(plainSettings),
                        ["prometheus.io/path"] = settings.MetricsPath,
                        ["prometheus.io/port"] = workload.PrimaryPort.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        ["prometheus.io/scrape"] = "true",
                    }),
                Spec = new V1PodSpec
                {
                    ServiceAccountName = workload.Name,
                    AutomountServiceAccountToken = false,
                    EnableServiceLinks = false,
                    TerminationGracePeriodSeconds = settings.Drain.GracePeriodSeconds,
                    SecurityContext = PodHardening.PodSecurity(settings.RunAsUser),
                    Affinity = Availability.SpreadOverNodes(workload.Name),
                    TopologySpreadConstraints = Availability.TopologySpread(workload.Name, settings),
                    Containers = [Container(workload, settings)],
                    Volumes = [PodHardening.Tmp()],
                },
            },
        },
    };

    private static V1Container Container(Workload workload, EnvironmentSettings settings) => new()
    {
        Name = workload.Name,
        Image = $"{workload.Image}:{settings.ImageTag}",
        ImagePullPolicy = "Always",
        Ports = [.. workload.Ports.Select(port => new V1ContainerPort { Name = port.Name, ContainerPort = port.Number, Protocol = "TCP" })],
        EnvFrom = [new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = SettingsName(workload.Name) } }],
        Env = ContainerVariables(workload),
        // The images have no shell: the kubelet sleeps (Kubernetes >= 1.30) while endpoints stop sending here.
        Lifecycle = new V1Lifecycle { PreStop = new V1LifecycleHandler { Sleep = new V1SleepAction { Seconds = (long)Math.Ceiling(settings.Drain.PreStopDelay.TotalSeconds) } } },
        Resources = PodHardening.Resources(settings.SizingFor(workload.App)),
        SecurityContext = PodHardening.ContainerSecurity(settings.RunAsUser),
        VolumeMounts = [PodHardening.TmpMount()],
        // Startup gives a slow start (model loading) five minutes before liveness may restart the pod.
        StartupProbe = HttpProbe(settings.LivenessPath, workload, periodSeconds: 5, failureThreshold: 60),
        LivenessProbe = HttpProbe(settings.LivenessPath, workload, periodSeconds: 10, failureThreshold: 3),
        ReadinessProbe = HttpProbe(workload.ReadinessPath, workload, periodSeconds: 5, failureThreshold: 3),
    };

    private static V1Probe HttpProbe(string path, Workload workload, int periodSeconds, int failureThreshold) => new()
    {
        HttpGet = new V1HTTPGetAction { Path = path, Port = workload.PrimaryPort.Name, Scheme = "HTTP" },
        PeriodSeconds = periodSeconds,
        TimeoutSeconds = 3,
        FailureThreshold = failureThreshold,
    };
}
