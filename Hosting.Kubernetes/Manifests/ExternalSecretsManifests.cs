using k8s.Models;
using Platform.Hosting.Kubernetes.Graph;

namespace Platform.Hosting.Kubernetes.Manifests;

/// <summary>
/// The objects that make External Secrets Operator write an environment's Secrets: a ServiceAccount annotated with
/// the IAM role (IRSA), a SecretStore that authenticates as it, and an ExternalSecret per referenced Secret whose
/// target keeps the Secret's name, so the base's <c>secretKeyRef</c>s need no rewriting.
/// </summary>
public static class ExternalSecretsManifests
{
    public const string FileName = "external-secrets.yaml";

    public static IEnumerable<object> Build(EnvironmentSettings settings, ExternalSecretsProfile profile, IEnumerable<IGrouping<string, SecretValue>> secrets)
    {
        yield return new V1ServiceAccount
        {
            ApiVersion = "v1",
            Kind = V1ServiceAccount.KubeKind,
            Metadata = Metadata(profile.ServiceAccount, settings, new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["eks.amazonaws.com/role-arn"] = profile.RoleArn,
            }),
            // The operator asks the API server for this account's tokens; no pod mounts one.
            AutomountServiceAccountToken = false,
        };
        yield return new SecretStore
        {
            Metadata = Metadata(profile.StoreName, settings),
            Spec = new SecretStoreSpec
            {
                Provider = new SecretStoreProvider
                {
                    Aws = new AwsSecretsManagerProvider
                    {
                        Region = profile.Region,
                        Auth = new AwsProviderAuth { Jwt = new AwsJwtAuth { ServiceAccountRef = new ServiceAccountReference { Name = profile.ServiceAccount } } },
                    },
                },
            },
        };
        foreach (var secret in secrets.OrderBy(secret => secret.Key, StringComparer.Ordinal))
        {
            var remoteKey = profile.RemoteKeys.GetValueOrDefault(secret.Key)
                ?? throw new InvalidOperationException(
                    $"Kubernetes:Environments:{settings.Name}:ExternalSecrets:RemoteKeys has no entry for the Secret '{secret.Key}' the workloads reference.");
            yield return new ExternalSecret
            {
                Metadata = Metadata(secret.Key, settings),
                Spec = new ExternalSecretSpec
                {
                    RefreshInterval = profile.RefreshInterval,
                    SecretStoreRef = new SecretStoreReference { Name = profile.StoreName },
                    Target = new ExternalSecretTarget { Name = secret.Key },
                    Data = [.. secret.Select(value => value.Key).Distinct().Order(StringComparer.Ordinal)
                        .Select(key => new ExternalSecretData { SecretKey = key, RemoteRef = new ExternalSecretRemoteRef { Key = remoteKey } })],
                },
            };
        }
    }

    private static V1ObjectMeta Metadata(string name, EnvironmentSettings settings, IDictionary<string, string>? annotations = null) => new()
    {
        Name = name,
        Labels = new SortedDictionary<string, string>(StringComparer.Ordinal) { [WorkloadLabels.PartOf] = settings.PartOf },
        Annotations = annotations,
    };
}
