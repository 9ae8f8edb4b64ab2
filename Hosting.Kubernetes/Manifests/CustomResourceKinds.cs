using Platform.Hosting.Kubernetes.Manifests.Autoscaling;
using Platform.Hosting.Kubernetes.Manifests.Edge;

namespace Platform.Hosting.Kubernetes.Manifests;

/// <summary>
/// The kinds outside the KubernetesClient models that the publisher emits, keyed as <c>KubernetesYaml</c> looks them
/// up (<c>{apiVersion}/{kind}</c>), so strict parsing knows every published document.
/// </summary>
public static class CustomResourceKinds
{
    public static IReadOnlyDictionary<string, Type> All { get; } = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        [ServiceMonitor.ApiVersionAndKind] = typeof(ServiceMonitor),
        [SecretStore.ApiVersionAndKind] = typeof(SecretStore),
        [ExternalSecret.ApiVersionAndKind] = typeof(ExternalSecret),
        [GatewayApiGateway.ApiVersionAndKind] = typeof(GatewayApiGateway),
        [HttpRoute.ApiVersionAndKind] = typeof(HttpRoute),
        [Certificate.ApiVersionAndKind] = typeof(Certificate),
        [ClientTrafficPolicy.ApiVersionAndKind] = typeof(ClientTrafficPolicy),
        [BackendTrafficPolicy.ApiVersionAndKind] = typeof(BackendTrafficPolicy),
        [ScaledObject.ApiVersionAndKind] = typeof(ScaledObject),
        [TriggerAuthentication.ApiVersionAndKind] = typeof(TriggerAuthentication),
        [VerticalPodAutoscaler.ApiVersionAndKind] = typeof(VerticalPodAutoscaler),
    };
}
