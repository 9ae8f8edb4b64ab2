using k8s.Models;

namespace Platform.Hosting.Kubernetes.Manifests;

/// <summary>The environment's namespace, with Pod Security "restricted" enforced, audited and warned.</summary>
public static class EnvironmentNamespace
{
    public static V1Namespace Build(EnvironmentSettings settings) => new()
    {
        ApiVersion = "v1",
        Kind = V1Namespace.KubeKind,
        Metadata = new V1ObjectMeta
        {
            Name = settings.Namespace,
            Labels = new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                [WorkloadLabels.PartOf] = settings.PartOf,
                ["pod-security.kubernetes.io/audit"] = "restricted",
                ["pod-security.kubernetes.io/enforce"] = "restricted",
                ["pod-security.kubernetes.io/enforce-version"] = "latest",
                ["pod-security.kubernetes.io/warn"] = "restricted",
            },
        },
    };
}
