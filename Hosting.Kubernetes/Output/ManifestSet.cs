using System.Text;
using k8s;

namespace Platform.Hosting.Kubernetes.Output;

/// <summary>
/// The published files, keyed by path relative to the output directory (forward slashes). Serialization is
/// stable: object properties in model order, maps sorted by the builders, LF line endings, no timestamps.
/// </summary>
public sealed class ManifestSet
{
    public const string SecretsDirectory = "secrets";
    public const string SecretFileSuffix = ".env";
    public const string ExampleSuffix = ".example";

    private readonly SortedDictionary<string, string> files = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Files => files;

    public void AddDocuments(string path, IEnumerable<object> documents) =>
        files.Add(path, string.Join("---\n", documents.Select(Serialize)));

    public void AddText(string path, string text) => files.Add(path, text.ReplaceLineEndings("\n"));

    public static string Serialize(object document) => KubernetesYaml.Serialize(document).ReplaceLineEndings("\n").TrimEnd('\n') + "\n";

    /// <summary>
    /// Writes every file and removes files a previous publish wrote (YAML and examples under base/ and overlays/) that this one no longer produces. Secret
    /// value files (<c>secrets/*.env</c>, git-ignored) belong to the operator and are never touched.
    /// </summary>
    public IReadOnlyList<string> WriteTo(string outputDirectory)
    {
        var root = Path.GetFullPath(outputDirectory);
        Directory.CreateDirectory(root);
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        foreach (var (relative, content) in files)
        {
            var path = Path.Combine(root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content, utf8);
        }

        var stale = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(path => !IsOperatorSecret(path))
            .Select(path => Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(relative => relative.StartsWith("base/", StringComparison.Ordinal) || relative.StartsWith("overlays/", StringComparison.Ordinal))
            .Where(relative => relative.EndsWith(".yaml", StringComparison.Ordinal) || relative.EndsWith(ExampleSuffix, StringComparison.Ordinal))
            .Where(relative => !files.ContainsKey(relative))
            .ToList();
        foreach (var relative in stale)
        {
            File.Delete(Path.Combine(root, relative));
        }

        return [.. files.Keys];
    }

    public static bool IsOperatorSecret(string path) =>
        Path.GetFileName(Path.GetDirectoryName(path)) == SecretsDirectory && !path.EndsWith(ExampleSuffix, StringComparison.Ordinal);
}
