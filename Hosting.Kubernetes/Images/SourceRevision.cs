namespace Platform.Hosting.Kubernetes.Images;

/// <summary>The commit the images are built from; a tree with uncommitted changes says so in the tag.</summary>
public sealed record SourceRevision(string RepositoryRoot, string Commit, bool Dirty, string Remote)
{
    public string Short => Commit[..12] + (Dirty ? "-dirty" : "");

    /// <summary>
    /// <c>{version}-{commit}.{UTC time}</c>: version and commit say what it is, the time makes every push's tag new, so a
    /// registry with immutable tags never sees one twice.
    /// </summary>
    public string TagFor(string version, DateTimeOffset now) => $"{version}-{Short}.{now.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}";

    public static async Task<SourceRevision> ReadAsync(string appHostDirectory, ExternalCommand command, CancellationToken cancellationToken)
    {
        var root = (await command.RunAsync("source", "git", ["-C", appHostDirectory, "rev-parse", "--show-toplevel"], cancellationToken)).Trim();
        var commit = (await command.RunAsync("source", "git", ["-C", root, "rev-parse", "HEAD"], cancellationToken)).Trim();
        var status = await command.RunAsync("source", "git", ["-C", root, "status", "--porcelain", "--untracked-files=no"], cancellationToken);
        string remote;
        try
        {
            remote = (await command.RunAsync("source", "git", ["-C", root, "remote", "get-url", "origin"], cancellationToken)).Trim();
        }
        catch (ImagePushException)
        {
            remote = "";
        }

        return new SourceRevision(root, commit, status.Trim().Length > 0, remote);
    }
}
