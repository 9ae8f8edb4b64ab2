using k8s;
using k8s.Models;

namespace Platform.Hosting.Kubernetes.Manifests;

/// <summary>External Secrets Operator's <c>SecretStore</c> (external-secrets.io/v1), the part of it we use: AWS Secrets Manager with IRSA.</summary>
[KubernetesEntity(Group = "external-secrets.io", ApiVersion = "v1", Kind = "SecretStore", PluralName = "secretstores")]
public sealed class SecretStore : IKubernetesObject<V1ObjectMeta>
{
    public const string ApiVersionAndKind = "external-secrets.io/v1/SecretStore";

    public string ApiVersion { get; set; } = "external-secrets.io/v1";
    public string Kind { get; set; } = "SecretStore";
    public V1ObjectMeta Metadata { get; set; } = new();
    public SecretStoreSpec Spec { get; set; } = new();
}

public sealed class SecretStoreSpec
{
    public SecretStoreProvider Provider { get; set; } = new();
}

public sealed class SecretStoreProvider
{
    public AwsSecretsManagerProvider Aws { get; set; } = new();
}

public sealed class AwsSecretsManagerProvider
{
    public string Service { get; set; } = "SecretsManager";
    public string Region { get; set; } = "";
    public AwsProviderAuth Auth { get; set; } = new();
}

public sealed class AwsProviderAuth
{
    public AwsJwtAuth Jwt { get; set; } = new();
}

public sealed class AwsJwtAuth
{
    public ServiceAccountReference ServiceAccountRef { get; set; } = new();
}

public sealed class ServiceAccountReference
{
    public string Name { get; set; } = "";
}

/// <summary>External Secrets Operator's <c>ExternalSecret</c> (external-secrets.io/v1): one Kubernetes Secret from remote entries.</summary>
[KubernetesEntity(Group = "external-secrets.io", ApiVersion = "v1", Kind = "ExternalSecret", PluralName = "externalsecrets")]
public sealed class ExternalSecret : IKubernetesObject<V1ObjectMeta>
{
    public const string ApiVersionAndKind = "external-secrets.io/v1/ExternalSecret";

    public string ApiVersion { get; set; } = "external-secrets.io/v1";
    public string Kind { get; set; } = "ExternalSecret";
    public V1ObjectMeta Metadata { get; set; } = new();
    public ExternalSecretSpec Spec { get; set; } = new();
}

public sealed class ExternalSecretSpec
{
    public string RefreshInterval { get; set; } = "";
    public SecretStoreReference SecretStoreRef { get; set; } = new();
    public ExternalSecretTarget Target { get; set; } = new();
    public List<ExternalSecretData> Data { get; set; } = [];
}

public sealed class SecretStoreReference
{
    public string Name { get; set; } = "";
    public string Kind { get; set; } = "SecretStore";
}

public sealed class ExternalSecretTarget
{
    public string Name { get; set; } = "";

    /// <summary>Owner: the Secret is deleted with its ExternalSecret, so nothing outlives the overlay.</summary>
    public string CreationPolicy { get; set; } = "Owner";
}

public sealed class ExternalSecretData
{
    public string SecretKey { get; set; } = "";
    public ExternalSecretRemoteRef RemoteRef { get; set; } = new();
}

public sealed class ExternalSecretRemoteRef
{
    public string Key { get; set; } = "";
}
