using Microsoft.Extensions.Configuration;

namespace Platform.Hosting.Kubernetes.Graph;

/// <summary>
/// A project's own configuration as it runs in the cluster: its <c>appsettings.json</c> with the plain settings the
/// graph gives it on top (<c>Section__Key</c> variables). The publisher reads route limits, queue names and
/// concurrency from here, so the edge and the autoscalers follow the service instead of repeating its numbers.
/// </summary>
public static class ServiceSettings
{
    public const string FileName = "appsettings.json";

    public static IConfiguration Read(string projectDirectory, IEnumerable<EnvVar> environment)
    {
        var file = Path.Combine(projectDirectory, FileName);
        var builder = new ConfigurationBuilder();
        if (File.Exists(file))
        {
            builder.AddJsonFile(file, optional: false, reloadOnChange: false);
        }

        builder.AddInMemoryCollection(environment
            .Where(variable => variable.IsPlain)
            .Select(variable => new KeyValuePair<string, string?>(variable.Name.Replace("__", ":", StringComparison.Ordinal), variable.PlainValue)));
        return builder.Build();
    }

    public static IConfiguration Empty { get; } = new ConfigurationBuilder().Build();

    /// <summary>A setting the publisher cannot do without, with a message naming the file and key.</summary>
    public static string Required(this IConfiguration settings, string workload, string key) =>
        settings[key] is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"'{workload}' sets no '{key}' in its {FileName}; the Kubernetes publisher derives the cluster's settings from it.");
}
