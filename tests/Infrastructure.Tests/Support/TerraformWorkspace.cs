namespace Platform.Infrastructure.Tests.Support;

/// <summary>
/// A private copy of deploy/terraform in a temporary directory, so parallel runs never share a .terraform
/// directory, a lock file or test state, and nothing is written into the repository. Each configuration in it is
/// initialised at most once.
/// </summary>
public sealed class TerraformWorkspace : IDisposable
{
    private static readonly Lazy<TerraformWorkspace> SharedInstance = new(() =>
    {
        var workspace = new TerraformWorkspace();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => workspace.Dispose();
        return workspace;
    });

    /// <summary>
    /// One copy for the read-only checks (fmt, validate, test), shared across test classes so each configuration is
    /// initialised once while the classes run in parallel.
    /// </summary>
    public static TerraformWorkspace Shared => SharedInstance.Value;

    private readonly Dictionary<string, Lazy<Task<TerraformResult>>> initialised = new(StringComparer.Ordinal);

    public TerraformWorkspace()
    {
        Root = Path.Combine(Path.GetTempPath(), "platform-terraform-" + Guid.NewGuid().ToString("N"));
        Copy(Repository.Terraform, Root);
    }

    public string Root { get; }

    public string PathOf(string configuration) => Path.Combine(Root, configuration);

    /// <summary>Runs <c>terraform init</c> (offline, no backend) in the configuration once, however many tests ask.</summary>
    public Task<TerraformResult> InitialiseAsync(string configuration)
    {
        Lazy<Task<TerraformResult>> init;
        lock (initialised)
        {
            if (!initialised.TryGetValue(configuration, out init!))
            {
                init = new(() => TerraformCli.InitAsync(PathOf(configuration)));
                initialised[configuration] = init;
            }
        }

        return init.Value;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A provider still exiting can hold a file for a moment; the temporary directory is cleaned by the OS.
        }
    }

    /// <summary>Copies files (symbolic links resolved), leaving out whatever a local init left behind.</summary>
    private static void Copy(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            var name = Path.GetFileName(file);
            if (name is ".terraform.lock.hcl" || name.EndsWith(".tfstate", StringComparison.Ordinal) || name.Contains(".tfstate.", StringComparison.Ordinal))
            {
                continue;
            }

            File.Copy(file, Path.Combine(target, name));
        }

        foreach (var directory in Directory.EnumerateDirectories(source))
        {
            if (Path.GetFileName(directory) is not ".terraform")
            {
                Copy(directory, Path.Combine(target, Path.GetFileName(directory)));
            }
        }
    }
}
