using System.ComponentModel.DataAnnotations;

namespace Platform.Hosting.Kubernetes;

/// <summary>A managed service outside the cluster: where it is, so egress to it can be allowed and nothing else.</summary>
public sealed class ExternalService
{
    /// <summary>Address range of the service (its private endpoint or VNet range), for example <c>10.20.0.0/24</c>.</summary>
    [Required]
    public string Cidr { get; set; } = "";

    /// <summary>Port of the service; managed Redis offerings listen with TLS on 6380.</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 6380;
}
