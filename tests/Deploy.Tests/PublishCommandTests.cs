using System.Diagnostics;
using Platform.Hosting.Kubernetes.Output;
using Platform.Deploy.Tests.Support;

namespace Platform.Deploy.Tests;

/// <summary>The documented command, run for real: the pipeline's publish step writes the committed tree.</summary>
public sealed class PublishCommandTests
{
    [Fact]
    public async Task Publish_command_writes_the_committed_manifests()
    {
        using var output = new TemporaryDirectory();
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var start = new ProcessStartInfo("dotnet",
            ["run", "--no-build", "-c", configuration, "--no-launch-profile", "--project", Path.Combine(Repository.Root, "AppHost"), "--",
             "--operation", "publish", "--step", "publish", "--output-path", output.Path])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Repository.Root,
        };
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 0, $"publish failed:\n{await stdout}\n{await stderr}");
        var written = Directory.EnumerateFiles(output.Path, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(output.Path, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        var committed = Directory.EnumerateFiles(Repository.Manifests, "*", SearchOption.AllDirectories)
            .Where(path => !ManifestSet.IsOperatorSecret(path))
            .Select(path => Path.GetRelativePath(Repository.Manifests, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(committed, written);
        Assert.All(written, path => Assert.Equal(
            File.ReadAllText(Path.Combine(Repository.Manifests, path)),
            File.ReadAllText(Path.Combine(output.Path, path))));
    }
}
