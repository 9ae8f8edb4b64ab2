using System.Text.Json;
using Platform.Hosting.Kubernetes.Output;

namespace Platform.Hosting.Kubernetes.Images;

/// <summary>
/// A release: per environment a kustomization over the committed overlay that pins every project image by digest
/// (the committed manifests stay as published), the list of pushed images, and the SBOMs. The pin replaces the name
/// the overlay renders (an environment's own <c>Registry</c>, else the base's) with the repository pushed to.
/// </summary>
public sealed class ReleaseWriter(KubernetesPublisherOptions options)
{
    public const string ImagesFile = "images.json";

    public IReadOnlyList<string> Write(string releaseDirectory, string manifestsDirectory, IReadOnlyList<PushedImage> images)
    {
        Directory.CreateDirectory(releaseDirectory);
        var written = new List<string>();
        foreach (var settings in EnvironmentSettings.Resolve(options))
        {
            var environment = settings.Name;
            // The name the overlay gives the image: its own registry's when it has one (kustomize images: NewName).
            var overlayRegistry = settings.Registry ?? options.Registry;
            var directory = Path.Combine(releaseDirectory, environment);
            Directory.CreateDirectory(directory);
            var overlay = Path.GetRelativePath(directory, Path.Combine(manifestsDirectory, "overlays", environment)).Replace('\\', '/');
            var kustomization = new Kustomization
            {
                Resources = [overlay],
                Images = [.. images
                    .Where(image => image.Name is not ("runtime-deps" or "redis"))
                    .OrderBy(image => image.Name, StringComparer.Ordinal)
                    .Select(image => new KustomizeImage { Name = $"{overlayRegistry}/{image.Name}", NewName = image.Repository, Digest = image.Digest })],
            };
            var path = Path.Combine(directory, "kustomization.yaml");
            File.WriteAllText(path, ManifestSet.Serialize(kustomization));
            written.Add(path);
        }

        var list = Path.Combine(releaseDirectory, ImagesFile);
        File.WriteAllText(list, JsonSerializer.Serialize(images, JsonOptions) + "\n");
        written.Add(list);
        return written;
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
}
