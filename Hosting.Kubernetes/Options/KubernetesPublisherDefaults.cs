namespace Platform.Hosting.Kubernetes;

/// <summary>The environments (dev, staging, production) and sizes the committed manifests are published with.</summary>
internal static class KubernetesPublisherDefaults
{
    public static KubernetesPublisherOptions Create() => new()
    {
        DnsAddresses = ["169.254.20.10/32"],
        PrivateRanges = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16", "100.64.0.0/10"],
        Environments = new(StringComparer.Ordinal)
        {
            ["dev"] = new()
            {
                ImageTag = "dev",
                MinReplicas = 1,
                MaxReplicas = 2,
                Host = "platform.dev.example.com",
                TlsSecret = "platform-dev-tls",
                CertificateIssuer = "letsencrypt-staging",
                Sizing = ResourceSizing.Small,
                ExtraResources = [KubernetesPublisherOptions.MonitoringStack],
            },
            ["staging"] = new()
            {
                ImageTag = "0.1.0",
                MinReplicas = 2,
                MaxReplicas = 4,
                Host = "platform.staging.example.com",
                TlsSecret = "platform-staging-tls",
                CertificateIssuer = "letsencrypt-staging",
                Sizing = ResourceSizing.Medium,
                ExtraResources = [KubernetesPublisherOptions.MonitoringStack],
            },
            ["production"] = new()
            {
                ImageTag = "0.1.0",
                MinReplicas = 3,
                MaxReplicas = 10,
                Host = "platform.example.com",
                TlsSecret = "platform-tls",
                CertificateIssuer = "letsencrypt-production",
                SpreadAcrossZones = true,
                RequireZoneSpread = true,
                BlueGreen = true,
                Sizing = ResourceSizing.Large,
                ExtraResources = [KubernetesPublisherOptions.MonitoringStack],
            },
        },
    };
}
