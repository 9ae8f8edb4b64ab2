using System.Security.Cryptography;
using System.Text;
using k8s.Models;
using Platform.Hosting.Kubernetes.Graph;

namespace Platform.Hosting.Kubernetes.Manifests;

/// <summary>
/// Splits a workload's environment: plain settings go to its ConfigMap, anything holding a secret stays in the
/// pod spec as <c>secretKeyRef</c>. Composite values (a connection string with a password in it) expand helper
/// variables with <c>$(NAME)</c>, which Kubernetes resolves because the helpers come first.
/// </summary>
public static class ContainerEnvironment
{
    public static IDictionary<string, string> Settings(IEnumerable<EnvVar> variables) =>
        new SortedDictionary<string, string>(
            variables.Where(variable => variable.IsPlain).ToDictionary(variable => variable.Name, variable => variable.PlainValue),
            StringComparer.Ordinal);

    public static IList<V1EnvVar>? SecretVariables(IReadOnlyList<EnvVar> variables)
    {
        var secretVariables = variables.Where(variable => !variable.IsPlain).ToList();
        var helpers = secretVariables
            .Where(variable => variable.SingleSecret is null)
            .SelectMany(variable => variable.Parts.OfType<SecretValue>())
            .Distinct()
            .OrderBy(secret => secret.VariableName, StringComparer.Ordinal)
            .Select(secret => FromSecret(secret.VariableName, secret));
        var direct = secretVariables.Select(variable => variable.SingleSecret is { } secret
            ? FromSecret(variable.Name, secret)
            : new V1EnvVar { Name = variable.Name, Value = Expand(variable.Parts) });
        var all = helpers.Concat(direct).ToList();
        return all.Count == 0 ? null : all;
    }

    public static V1EnvVar FromSecret(string name, SecretValue secret) => new()
    {
        Name = name,
        ValueFrom = new V1EnvVarSource
        {
            SecretKeyRef = new V1SecretKeySelector { Name = secret.SecretName, Key = secret.Key, Optional = secret.Optional ? true : null },
        },
    };

    /// <summary>A short digest of the settings, put on the pod template so that a settings change rolls the pods.</summary>
    public static string Digest(IDictionary<string, string> settings)
    {
        var text = string.Join('\n', settings.Select(pair => $"{pair.Key}={pair.Value}"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    private static string Expand(IEnumerable<EnvPart> parts) => string.Concat(parts.Select(part => part switch
    {
        Literal literal => literal.Text.Replace("$(", "$$(", StringComparison.Ordinal),
        SecretValue secret => $"$({secret.VariableName})",
        _ => throw new NotSupportedException(part.GetType().Name),
    }));
}
