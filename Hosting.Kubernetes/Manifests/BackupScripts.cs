namespace Platform.Hosting.Kubernetes.Manifests;

/// <summary>
/// The backup and restore scripts of <c>deploy/backup/</c>, embedded in this assembly and published into a ConfigMap,
/// so the cluster's jobs run exactly the scripts the restore drill runs.
/// </summary>
public static class BackupScripts
{
    public const string Backup = "redis-backup.sh";
    public const string Restore = "redis-restore.sh";

    public static IReadOnlyDictionary<string, string> All { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        [Backup] = Read(Backup),
        [Restore] = Read(Restore),
    };

    private static string Read(string name)
    {
        using var stream = typeof(BackupScripts).Assembly.GetManifestResourceStream($"backup/{name}")
            ?? throw new InvalidOperationException($"The publisher was built without deploy/backup/{name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().ReplaceLineEndings("\n");
    }
}
