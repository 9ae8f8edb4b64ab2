using System.Text;
using k8s;

namespace Platform.Containers.Tests.Support;

/// <summary>The release of one environment as <c>kubectl kustomize</c> rendered it: the platform's workloads and what they read.</summary>
public sealed class RenderedRelease(string yaml)
{
    /// <summary>Every object, the custom resources (edge, autoscalers, External Secrets) as the publisher's own kinds.</summary>
    public IReadOnlyList<object> Objects { get; } =
        KubernetesYaml.LoadAllFromString(yaml, new Dictionary<string, Type>(global::Platform.Hosting.Kubernetes.Manifests.CustomResourceKinds.All));

    private IEnumerable<T> Platform<T>() where T : IMetadata<V1ObjectMeta> =>
        Objects.OfType<T>().Where(item => item.Metadata.Labels?.TryGetValue("app.kubernetes.io/part-of", out var partOf) == true && partOf == "platform");

    public V1PodTemplateSpec Pod(string workload) =>
        Platform<V1Deployment>().Where(d => d.Metadata.Name == workload).Select(d => d.Spec.Template)
            .Concat(Platform<V1StatefulSet>().Where(s => s.Metadata.Name == workload).Select(s => s.Spec.Template))
            .Single();

    /// <summary>
    /// The names the workload's pods answer to: every Service whose selector picks its pod template (the
    /// load-balanced <c>{name}</c> and the headless per-pod <c>{name}-pods</c> that the gateway resolves itself).
    /// </summary>
    public IReadOnlyList<string> ServiceNames(string workload)
    {
        var labels = Pod(workload).Metadata.Labels;
        return [.. Platform<V1Service>()
            .Where(service => service.Spec.Selector is { Count: > 0 } selector
                && selector.All(pair => labels.TryGetValue(pair.Key, out var value) && value == pair.Value))
            .Select(service => service.Metadata.Name)
            .Order(StringComparer.Ordinal)];
    }

    public IEnumerable<string> ProjectImages => Platform<V1Deployment>().Select(d => d.Spec.Template.Spec.Containers[0].Image);

    /// <summary>
    /// The container's environment as the kubelet builds it: <c>envFrom</c> first, then <c>env</c> in order, each
    /// <c>$(NAME)</c> expanded from what is already defined and <c>$$(</c> left as <c>$(</c>.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Environment(V1Container container)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var order = new List<string>();
        void Set(string name, string value)
        {
            if (!values.ContainsKey(name))
            {
                order.Add(name);
            }

            values[name] = value;
        }

        foreach (var source in container.EnvFrom ?? [])
        {
            var data = source.ConfigMapRef is { } configMap
                ? Objects.OfType<V1ConfigMap>().Single(c => c.Metadata.Name == configMap.Name).Data
                : Secret(source.SecretRef.Name).ToDictionary(pair => pair.Key, pair => Encoding.UTF8.GetString(pair.Value));
            foreach (var (key, value) in data ?? new Dictionary<string, string>())
            {
                Set(key, value);
            }
        }

        foreach (var variable in container.Env ?? [])
        {
            if (variable.ValueFrom?.SecretKeyRef is { } reference)
            {
                var secret = Objects.OfType<V1Secret>().SingleOrDefault(s => s.Metadata.Name == reference.Name);
                if (secret?.Data?.TryGetValue(reference.Key, out var bytes) == true)
                {
                    Set(variable.Name, Encoding.UTF8.GetString(bytes));
                }
                else if (reference.Optional != true)
                {
                    throw new InvalidOperationException($"{container.Name}: Secret {reference.Name} has no key {reference.Key}");
                }
            }
            else
            {
                Set(variable.Name, Expand(variable.Value ?? "", values));
            }
        }

        return [.. order.Select(name => new KeyValuePair<string, string>(name, values[name]))];
    }

    public IEnumerable<string> Arguments(V1Container container)
    {
        var environment = Environment(container).ToDictionary(pair => pair.Key, pair => pair.Value);
        return (container.Args ?? []).Select(argument => Expand(argument, environment));
    }

    private IDictionary<string, byte[]> Secret(string name) =>
        Objects.OfType<V1Secret>().Single(secret => secret.Metadata.Name == name).Data;

    public static string Expand(string text, IReadOnlyDictionary<string, string> values)
    {
        var result = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '$')
            {
                result.Append('$');
                i++;
            }
            else if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '(' && text.IndexOf(')', i) is var end and > 0
                && values.TryGetValue(text[(i + 2)..end], out var value))
            {
                result.Append(value);
                i = end;
            }
            else
            {
                result.Append(text[i]);
            }
        }

        return result.ToString();
    }
}
