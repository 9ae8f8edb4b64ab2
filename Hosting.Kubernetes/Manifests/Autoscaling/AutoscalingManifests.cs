using System.Globalization;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Configuration;
using Platform.Hosting.Kubernetes.Graph;

namespace Platform.Hosting.Kubernetes.Manifests.Autoscaling;

/// <summary>
/// The autoscalers of one environment. A project without a queue gets a HorizontalPodAutoscaler on CPU with memory
/// as a guard; a project with one gets a KEDA ScaledObject (which owns its HorizontalPodAutoscaler) on the same two
/// plus the work waiting. Scale-down is slow and stepwise, so streams are not cut by flapping. Every workload gets
/// a VerticalPodAutoscaler in recommendation mode, to size requests from what it really uses.
/// </summary>
public static class AutoscalingManifests
{
    /// <summary>The Secret keys the autoscalers read (a managed Redis's address and password), beside the workloads' own.</summary>
    public static IEnumerable<SecretValue> SecretsRead(IEnumerable<object> autoscalers) => autoscalers
        .OfType<TriggerAuthentication>()
        .SelectMany(authentication => authentication.Spec.SecretTargetRef)
        .Select(reference => new SecretValue(reference.Name, reference.Key));

    public static IEnumerable<IKubernetesObject<V1ObjectMeta>> Build(AppGraph graph, EnvironmentSettings settings)
    {
        foreach (var workload in graph.Workloads)
        {
            var component = workload.Kind == WorkloadKind.Redis ? RedisManifests.Component : ProjectManifests.Component;
            var labels = WorkloadLabels.For(workload, component, settings.PartOf);
            var kind = workload.Kind == WorkloadKind.Redis ? V1StatefulSet.KubeKind : V1Deployment.KubeKind;
            yield return new VerticalPodAutoscaler
            {
                Metadata = WorkloadLabels.Metadata(workload.Name, labels),
                Spec = new VerticalPodAutoscalerSpec { TargetRef = new ScaleTarget { Kind = kind, Name = workload.Name } },
            };
            if (workload.Kind != WorkloadKind.Project)
            {
                continue;
            }

            if (graph.Backlogs.TryGetValue(workload.Name, out var backlog))
            {
                foreach (var item in Keda(graph, workload, backlog, labels, settings))
                {
                    yield return item;
                }
            }
            else
            {
                yield return HorizontalAutoscaler(workload, labels, settings);
            }
        }
    }

    private static V2HorizontalPodAutoscaler HorizontalAutoscaler(Workload workload, IDictionary<string, string> labels, EnvironmentSettings settings) => new()
    {
        ApiVersion = "autoscaling/v2",
        Kind = V2HorizontalPodAutoscaler.KubeKind,
        Metadata = WorkloadLabels.Metadata(workload.Name, labels),
        Spec = new V2HorizontalPodAutoscalerSpec
        {
            ScaleTargetRef = new V2CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = V1Deployment.KubeKind, Name = workload.Name },
            MinReplicas = settings.MinReplicas,
            MaxReplicas = settings.MaxReplicas,
            Metrics = [UtilizationOf("cpu", settings.Autoscaling.CpuUtilization), UtilizationOf("memory", settings.Autoscaling.MemoryGuardUtilization)],
            Behavior = Behavior(settings.Autoscaling),
        },
    };

    private static V2MetricSpec UtilizationOf(string resource, int percent) => new()
    {
        Type = "Resource",
        Resource = new V2ResourceMetricSource { Name = resource, Target = new V2MetricTarget { Type = "Utilization", AverageUtilization = percent } },
    };

    /// <summary>Up at once; down only after the stabilisation window, one step per minute.</summary>
    private static V2HorizontalPodAutoscalerBehavior Behavior(AutoscalingOptions autoscaling) => new()
    {
        ScaleDown = new V2HPAScalingRules
        {
            StabilizationWindowSeconds = (int)autoscaling.ScaleDownStabilization.TotalSeconds,
            SelectPolicy = "Min",
            Policies = [new V2HPAScalingPolicy { Type = "Pods", Value = autoscaling.ScaleDownPodsPerMinute, PeriodSeconds = 60 }],
        },
        ScaleUp = new V2HPAScalingRules
        {
            StabilizationWindowSeconds = 0,
            SelectPolicy = "Max",
            Policies =
            [
                new V2HPAScalingPolicy { Type = "Percent", Value = 100, PeriodSeconds = 30 },
                new V2HPAScalingPolicy { Type = "Pods", Value = 2, PeriodSeconds = 30 },
            ],
        },
    };

    private static IEnumerable<IKubernetesObject<V1ObjectMeta>> Keda(
        AppGraph graph, Workload workload, BacklogScaling backlog, IDictionary<string, string> labels, EnvironmentSettings settings)
    {
        var triggers = new List<ScaleTrigger>
        {
            Resource("cpu", settings.Autoscaling.CpuUtilization),
            Resource("memory", settings.Autoscaling.MemoryGuardUtilization),
        };
        switch (backlog)
        {
            case RedisStreamBacklog stream:
                var serviceSettings = graph.SettingsOf(workload.Name);
                var managed = settings.ExternalServices.GetValueOrDefault(stream.Redis);
                var external = managed is not null;
                triggers.Add(new ScaleTrigger
                {
                    Type = "redis-streams",
                    Name = "queue-lag",
                    Metadata = StreamMetadata(stream, serviceSettings, workload, managed),
                    AuthenticationRef = external ? new TriggerAuthenticationRef { Name = workload.Name } : null,
                });
                if (external)
                {
                    yield return new TriggerAuthentication
                    {
                        Metadata = WorkloadLabels.Metadata(workload.Name, labels),
                        Spec = new TriggerAuthenticationSpec
                        {
                            SecretTargetRef =
                            [
                                new SecretTargetRef { Parameter = "address", Name = ExternalServices.ConnectionSecretName(stream.Redis), Key = ExternalServices.AddressKey },
                                new SecretTargetRef { Parameter = "password", Name = ExternalServices.ConnectionSecretName(stream.Redis), Key = ExternalServices.PasswordKey },
                            ],
                        },
                    };
                }

                break;
            case PrometheusBacklog metric:
                triggers.Add(new ScaleTrigger
                {
                    Type = "prometheus",
                    Name = "queue-depth",
                    MetricType = "AverageValue",
                    Metadata = new(StringComparer.Ordinal)
                    {
                        ["query"] = metric.Query,
                        ["serverAddress"] = settings.Autoscaling.PrometheusAddress.GetLeftPart(UriPartial.Authority),
                        ["threshold"] = metric.PerReplica.ToString(CultureInfo.InvariantCulture),
                        ["ignoreNullValues"] = "true",
                    },
                });
                break;
        }

        yield return new ScaledObject
        {
            Metadata = WorkloadLabels.Metadata(workload.Name, labels),
            Spec = new ScaledObjectSpec
            {
                ScaleTargetRef = new ScaleTarget { Name = workload.Name },
                MinReplicaCount = settings.MinReplicas,
                MaxReplicaCount = settings.MaxReplicas,
                PollingInterval = settings.Autoscaling.PollingIntervalSeconds,
                CooldownPeriod = (int)settings.Autoscaling.ScaleDownStabilization.TotalSeconds,
                Advanced = new ScaledObjectAdvanced { HorizontalPodAutoscalerConfig = new HorizontalPodAutoscalerConfig { Behavior = Behavior(settings.Autoscaling) } },
                Triggers = triggers,
            },
        };
    }

    private static ScaleTrigger Resource(string resource, int percent) => new()
    {
        Type = resource,
        MetricType = "Utilization",
        Metadata = new(StringComparer.Ordinal) { ["value"] = percent.ToString(CultureInfo.InvariantCulture) },
    };

    /// <summary>
    /// The stream and group come from the service's settings. In-cluster Redis: KEDA reads host, port and password
    /// from the agents container's own environment; a managed Redis: from the TriggerAuthentication, over TLS when
    /// the service speaks it.
    /// </summary>
    private static SortedDictionary<string, string> StreamMetadata(RedisStreamBacklog stream, IConfiguration settings, Workload workload, ExternalService? external)
    {
        var metadata = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["stream"] = settings.Required(workload.Name, stream.StreamKey),
            ["consumerGroup"] = settings.Required(workload.Name, stream.GroupKey),
            ["lagCount"] = settings.Required(workload.Name, stream.PerReplicaKey),
            ["activationLagCount"] = "0",
        };
        if (external is not null)
        {
            if (external.Tls)
            {
                metadata["enableTLS"] = "true";
            }

            return metadata;
        }

        var prefix = stream.Redis.ToUpperInvariant().Replace('-', '_');
        metadata["hostFromEnv"] = $"{prefix}_HOST";
        metadata["portFromEnv"] = $"{prefix}_PORT";
        metadata["passwordFromEnv"] = $"{prefix}_PASSWORD";
        return metadata;
    }
}
