namespace Platform.Containers.Tests.Support;

/// <summary>Paths of the checked-out repository the tests run in.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Images => Path.Combine(Root, "deploy", "images");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Platform.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Platform.sln not found above " + AppContext.BaseDirectory);
    }
}
