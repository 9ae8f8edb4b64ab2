namespace Platform.Hosting.Kubernetes;

/// <summary>
/// Where the manifests go. <c>dotnet run --project AppHost</c> runs the AppHost inside <c>AppHost/</c>, so a
/// relative <c>--output-path deploy/kubernetes</c> is taken from the repository root (the nearest directory
/// above the AppHost holding a solution file), the same place <c>aspire publish -o deploy/kubernetes</c> writes to
/// when run there. Absolute paths are used as given.
/// </summary>
public static class PublishOutputDirectory
{
    public const string ConfigurationKey = "Pipeline:OutputPath";

    public static string Resolve(string? configuredPath, string resolvedByPipeline, string appHostDirectory)
    {
        if (string.IsNullOrWhiteSpace(configuredPath) || Path.IsPathRooted(configuredPath))
        {
            return resolvedByPipeline;
        }

        var root = RepositoryRoot(appHostDirectory);
        return root is null ? resolvedByPipeline : Path.GetFullPath(Path.Combine(root, configuredPath));
    }

    internal static string? RepositoryRoot(string appHostDirectory)
    {
        for (var directory = Directory.GetParent(Path.GetFullPath(appHostDirectory)); directory is not null; directory = directory.Parent)
        {
            if (directory.EnumerateFiles("*.sln").Any() || directory.EnumerateFiles("*.slnx").Any())
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
