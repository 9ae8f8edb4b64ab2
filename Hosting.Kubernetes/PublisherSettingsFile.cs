using Microsoft.Extensions.Configuration;

namespace Platform.Hosting.Kubernetes;

/// <summary>
/// A JSON file of publisher options (<c>{"Kubernetes": {...}}</c>), such as the one <c>tools/PublisherSettings</c>
/// writes from <c>terraform output -json</c>, named on the publish command line with
/// <c>--Kubernetes:SettingsFile=path</c>. It is applied over the defaults and under every other configuration
/// source, so a command-line <c>--Kubernetes:...</c> still wins. A relative path is taken from the repository root,
/// like <c>--output-path</c>.
/// </summary>
public static class PublisherSettingsFile
{
    public const string ConfigurationKey = KubernetesPublisherOptions.SectionName + ":SettingsFile";

    public static void BindInto(KubernetesPublisherOptions options, string? path, string appHostDirectory)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return;
        }

        var fullPath = Path.IsPathRooted(path)
            ? path
            : Path.GetFullPath(Path.Combine(PublishOutputDirectory.RepositoryRoot(appHostDirectory) ?? Directory.GetCurrentDirectory(), path));
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"{ConfigurationKey} names {fullPath}, which does not exist.", fullPath);
        }

        new ConfigurationBuilder().AddJsonFile(fullPath, optional: false).Build()
            .GetSection(KubernetesPublisherOptions.SectionName).Bind(options);
    }
}
