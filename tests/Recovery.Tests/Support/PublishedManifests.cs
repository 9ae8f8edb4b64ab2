using k8s;
using k8s.Models;

namespace Platform.Recovery.Tests.Support;

/// <summary>
/// A copy of the committed <c>deploy/kubernetes</c> and <c>deploy/monitoring</c> with every <c>secrets/*.env.example</c>
/// turned into the <c>.env</c> file an operator writes (placeholder values), so overlays render as they would before
/// an apply.
/// </summary>
public sealed class PublishedManifests : IDisposable
{
    public PublishedManifests()
    {
        Copy(RepositoryRoot.Combine("deploy", "kubernetes"), System.IO.Path.Combine(Root, "kubernetes"));
        Copy(RepositoryRoot.Combine("deploy", "monitoring"), System.IO.Path.Combine(Root, "monitoring"));
    }

    public string Root { get; } = Directory.CreateTempSubdirectory("platform-preview-drill-").FullName;

    public string Kubernetes => System.IO.Path.Combine(Root, "kubernetes");

    /// <summary>Every object of a rendered file, parsed strictly (an unknown field or kind fails).</summary>
    public static IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Parse(string yaml) =>
        [.. KubernetesYaml.LoadAllFromString(yaml, new Dictionary<string, Type>(Platform.Hosting.Kubernetes.Manifests.CustomResourceKinds.All), strict: true)
            .Cast<IKubernetesObject<V1ObjectMeta>>()];

    private static void Copy(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            if (System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(file)) == "secrets" && file.EndsWith(".env", StringComparison.Ordinal))
            {
                continue;
            }

            var destination = System.IO.Path.Combine(target, System.IO.Path.GetRelativePath(source, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
            if (destination.EndsWith(".env.example", StringComparison.Ordinal))
            {
                File.WriteAllLines(destination[..^".example".Length],
                    File.ReadAllLines(file).Where(line => !line.StartsWith('#')).Select(line => line + "placeholder"));
            }
        }
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
