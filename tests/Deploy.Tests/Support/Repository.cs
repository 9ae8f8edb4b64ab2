using Platform.TestSupport;

namespace Platform.Deploy.Tests.Support;

/// <summary>Paths of the checked-out repository the tests run in.</summary>
public static class Repository
{
    public static string Root => RepositoryRoot.Path;

    public static string Manifests => RepositoryRoot.Combine("deploy", "kubernetes");

    public static string Project(string name) => RepositoryRoot.Combine(name, $"{name}.csproj");
}
