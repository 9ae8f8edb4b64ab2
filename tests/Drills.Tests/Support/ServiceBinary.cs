using Platform.TestSupport;

namespace Platform.Drills.Tests.Support;

/// <summary>A service's built program: its output directory (the content root with its appsettings.json) and assembly.</summary>
public sealed record ServiceBinary(string Directory, string Assembly)
{
    public static ServiceBinary Gateway => Of("Gateway");

    public static ServiceBinary Agents => Of("AgentService");

    public static ServiceBinary Models => Of("ModelService");

    /// <summary>The same configuration and target framework the drills were built with (bin/&lt;configuration&gt;/&lt;tfm&gt;/).</summary>
    private static ServiceBinary Of(string project)
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var directory = Path.Combine(RepositoryRoot.Path, project, "bin", output.Parent!.Name, output.Name);
        var assembly = Path.Combine(directory, $"{project}.dll");
        return File.Exists(assembly)
            ? new ServiceBinary(directory, assembly)
            : throw new FileNotFoundException($"{project} is not built where the drills look for it.", assembly);
    }
}
