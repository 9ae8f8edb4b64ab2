using Platform.TestSupport;

namespace Platform.Infrastructure.Tests.Support;

/// <summary>Paths of the checked-out repository the tests run in.</summary>
public static class Repository
{
    public static string Root => RepositoryRoot.Path;

    public static string Terraform => RepositoryRoot.Combine("deploy", "terraform");
}
