using k8s.Models;
namespace Platform.Hosting.Kubernetes.Manifests;

/// <summary>
/// The Pod Security Standards "restricted" profile, applied the same way to every pod: non-root user above
/// 10000, no privilege escalation, no capabilities, RuntimeDefault seccomp, read-only root filesystem with
/// a writable <c>/tmp</c>.
/// </summary>
public static class PodHardening
{
    public const string TmpVolume = "tmp";

    public static V1PodSecurityContext PodSecurity(long user) => new()
    {
        RunAsNonRoot = true,
        RunAsUser = user,
        RunAsGroup = user,
        FsGroup = user,
        SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
    };

    public static V1SecurityContext ContainerSecurity(long user) => new()
    {
        AllowPrivilegeEscalation = false,
        Privileged = false,
        ReadOnlyRootFilesystem = true,
        RunAsNonRoot = true,
        RunAsUser = user,
        RunAsGroup = user,
        Capabilities = new V1Capabilities { Drop = ["ALL"] },
        SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
    };

    public static V1Volume Tmp() => new()
    {
        Name = TmpVolume,
        EmptyDir = new V1EmptyDirVolumeSource { SizeLimit = new ResourceQuantity("64Mi") },
    };

    public static V1VolumeMount TmpMount() => new() { Name = TmpVolume, MountPath = "/tmp" };

    public static V1ResourceRequirements Resources(ResourceSizing sizing) => new()
    {
        Requests = new SortedDictionary<string, ResourceQuantity>(StringComparer.Ordinal)
        {
            ["cpu"] = new(sizing.CpuRequest),
            ["ephemeral-storage"] = new(sizing.EphemeralStorageRequest),
            ["memory"] = new(sizing.MemoryRequest),
        },
        Limits = new SortedDictionary<string, ResourceQuantity>(StringComparer.Ordinal)
        {
            ["cpu"] = new(sizing.CpuLimit),
            ["ephemeral-storage"] = new(sizing.EphemeralStorageLimit),
            ["memory"] = new(sizing.MemoryLimit),
        },
    };
}
