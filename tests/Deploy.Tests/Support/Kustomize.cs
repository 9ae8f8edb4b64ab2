using System.Diagnostics;

namespace Platform.Deploy.Tests.Support;

/// <summary>Renders overlays with the real <c>kubectl kustomize</c>, the way <c>kubectl apply -k</c> would.</summary>
public static class Kustomize
{
    /// <summary>
    /// Copies the manifests and turns every committed <c>secrets/*.env.example</c> into the git-ignored
    /// <c>.env</c> file an operator would write, with placeholder values, so the secret generators have input.
    /// </summary>
    public static string CopyWithExampleSecrets(string source, string workspace)
    {
        var target = Path.Combine(workspace, "kubernetes");
        CopyTree(source, target);

        // Every overlay includes the repository's monitoring stack beside it (../../../monitoring).
        CopyTree(Path.Combine(Repository.Root, "deploy", "monitoring"), Path.Combine(workspace, "monitoring"));
        return target;
    }

    private static void CopyTree(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories).Where(file => !IsOperatorSecret(file)))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
            if (destination.EndsWith(".env.example", StringComparison.Ordinal))
            {
                var lines = File.ReadAllLines(file).Where(line => !line.StartsWith('#')).Select(line => line + "placeholder");
                File.WriteAllLines(destination[..^".example".Length], lines);
            }
        }
    }

    /// <summary>An operator's filled-in secret file in the working tree is never copied; the example stands in for it.</summary>
    private static bool IsOperatorSecret(string file) =>
        Path.GetFileName(Path.GetDirectoryName(file)) == "secrets" && file.EndsWith(".env", StringComparison.Ordinal);

    public static async Task<string> RenderAsync(string overlay)
    {
        using var process = Process.Start(new ProcessStartInfo("kubectl", ["kustomize", overlay])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("kubectl did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"kubectl kustomize {overlay} failed: {await error}");
        return await output;
    }
}
