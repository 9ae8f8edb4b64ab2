namespace Platform.Hosting.Kubernetes.Graph;

/// <summary>
/// In a cluster the resource reads the setting <paramref name="Variable"/> from the key <c>value</c> of the Secret
/// <paramref name="SecretName"/>, which each overlay generates from a git-ignored <c>secrets/{SecretName}.env</c>.
/// Run mode does not see it: local runs configure the resource their own way.
/// </summary>
public sealed record SecretSettingAnnotation(string Variable, string SecretName) : IResourceAnnotation;
