using k8s.Models;
using Platform.Hosting.Kubernetes.Graph;

namespace Platform.Hosting.Kubernetes.Manifests;

/// <summary>
/// What an environment changes on one workload of the base: requests and limits, topology spread, disruption budget,
/// and Redis's <c>maxmemory</c> (it follows the memory limit).
/// </summary>
public static class OverlayPatches
{
    public static IEnumerable<(string Suffix, object Patch)> Build(Workload workload, EnvironmentSettings settings)
    {
        var container = new V1Container { Name = workload.Name, Resources = PodHardening.Resources(settings.SizingFor(workload.App)) };
        if (workload.Kind == WorkloadKind.Redis)
        {
            // maxmemory follows this environment's memory limit; a list in a strategic merge replaces the base's.
            container.Args = RedisManifests.Arguments(workload, settings);
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
        yield return ("pdb", new V1PodDisruptionBudget
        {
            ApiVersion = "policy/v1",
            Kind = V1PodDisruptionBudget.KubeKind,
            Metadata = new V1ObjectMeta { Name = workload.Name },
            Spec = new V1PodDisruptionBudgetSpec { MinAvailable = Availability.MinAvailable(settings.MinReplicas) },
        });
    }
}
