using System.ComponentModel.DataAnnotations;

namespace Platform.Hosting.Kubernetes;

/// <summary>Requests and limits of one container, in Kubernetes quantities.</summary>
public sealed class ResourceSizing
{
    [Required] public string CpuRequest { get; set; } = "100m";
    [Required] public string CpuLimit { get; set; } = "500m";
    [Required] public string MemoryRequest { get; set; } = "256Mi";
    [Required] public string MemoryLimit { get; set; } = "512Mi";
    [Required] public string EphemeralStorageRequest { get; set; } = "64Mi";
    [Required] public string EphemeralStorageLimit { get; set; } = "256Mi";

    public static ResourceSizing Small => new();

    public static ResourceSizing Medium => new()
    {
        CpuRequest = "250m", CpuLimit = "1", MemoryRequest = "512Mi", MemoryLimit = "1Gi",
        EphemeralStorageRequest = "128Mi", EphemeralStorageLimit = "512Mi",
    };

    public static ResourceSizing Large => new()
    {
        CpuRequest = "500m", CpuLimit = "2", MemoryRequest = "1Gi", MemoryLimit = "2Gi",
        EphemeralStorageRequest = "256Mi", EphemeralStorageLimit = "1Gi",
    };
}
