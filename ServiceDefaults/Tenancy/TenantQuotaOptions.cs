using System.ComponentModel.DataAnnotations;

namespace Platform.ServiceDefaults.Tenancy;

/// <summary>How tenant quota overrides are read (section <c>TenantQuotas</c>).</summary>
public sealed class TenantQuotaOptions
{
    public const string Section = "TenantQuotas";

    /// <summary>How long a replica keeps a tenant's overrides before reading them again. Default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(30);
}
