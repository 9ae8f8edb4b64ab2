using k8s.Models;
using Platform.Hosting.Kubernetes.Graph;

namespace Platform.Hosting.Kubernetes.Manifests;

/// <summary>
/// What an environment changes on one workload of the base: requests and limits, topology spread, autoscaler
/// bounds, disruption budget, and for the external workload the ingress class, host and TLS secret.
/// </summary>
public static class OverlayPatches
{
    public static IEnumerable<(string Suffix, object Patch)> Build(Workload workload, EnvironmentSettings settings)
    {
        var container = new V1Container { Name = workload.Name, Resources = PodHardening.Resources(settings.SizingFor(workload.Name)) };
        if (workload.Kind == WorkloadKind.Redis)
        {
            yield return ("statefulset", new V1StatefulSet
            {
                ApiVersion = "apps/v1",
                Kind = V1StatefulSet.KubeKind,
                Metadata = new V1ObjectMeta { Name = workload.Name },
                Spec = new V1StatefulSetSpec { Template = new V1PodTemplateSpec { Spec = new V1PodSpec { Containers = [container] } } },
            });
            yield break;
        }

        yield return ("deployment", new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = V1Deployment.KubeKind,
            Metadata = new V1ObjectMeta { Name = workload.Name },
            Spec = new V1DeploymentSpec
            {
                Template = new V1PodTemplateSpec
                {
                    Spec = new V1PodSpec
                    {
                        Containers = [container],
                        TopologySpreadConstraints = Availability.TopologySpread(workload.Name, settings),
                    },
                },
            },
        });
        yield return ("hpa", new V2HorizontalPodAutoscaler
        {
            ApiVersion = "autoscaling/v2",
            Kind = V2HorizontalPodAutoscaler.KubeKind,
            Metadata = new V1ObjectMeta { Name = workload.Name },
            Spec = new V2HorizontalPodAutoscalerSpec { MinReplicas = settings.MinReplicas, MaxReplicas = settings.MaxReplicas },
        });
        yield return ("pdb", new V1PodDisruptionBudget
        {
            ApiVersion = "policy/v1",
            Kind = V1PodDisruptionBudget.KubeKind,
            Metadata = new V1ObjectMeta { Name = workload.Name },
            Spec = new V1PodDisruptionBudgetSpec { MinAvailable = Availability.MinAvailable(settings.MinReplicas) },
        });
        if (workload.IsExternal)
        {
            yield return ("ingress", new V1Ingress
            {
                ApiVersion = "networking.k8s.io/v1",
                Kind = V1Ingress.KubeKind,
                Metadata = new V1ObjectMeta { Name = workload.Name },
                Spec = GatewayIngress.Spec(workload, settings),
            });
        }
    }
}
