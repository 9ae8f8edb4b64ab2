using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.Hosting.Kubernetes.Images;

/// <summary>
/// A CycloneDX SBOM of a base image, straight from its package lock: every Debian package with its version, purl
/// and the SHA-256 of the .deb it was unpacked from.
/// </summary>
public static class BaseImageSbom
{
    public static string Write(string lockFile, PushedImage image, string directory)
    {
        var components = new JsonArray();
        foreach (var line in File.ReadLines(lockFile).Where(line => line.Length > 0 && !line.StartsWith('#')))
        {
            var fields = line.Split(' ');
            components.Add(new JsonObject
            {
                ["type"] = "library",
                ["name"] = fields[0],
                ["version"] = fields[1],
                ["purl"] = $"pkg:deb/debian/{fields[0]}@{Uri.EscapeDataString(fields[1])}?distro=debian-12",
                ["hashes"] = new JsonArray(new JsonObject { ["alg"] = "SHA-256", ["content"] = fields[2] }),
            });
        }

        var sbom = new JsonObject
        {
            ["bomFormat"] = "CycloneDX",
            ["specVersion"] = "1.5",
            ["version"] = 1,
            ["metadata"] = new JsonObject
            {
                ["component"] = new JsonObject
                {
                    ["type"] = "container",
                    ["name"] = $"platform/{image.Name}",
                    ["version"] = image.Tag,
                    ["purl"] = ImagePurl(image),
                },
            },
            ["components"] = components,
        };
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{image.Name}.cdx.json");
        File.WriteAllText(path, sbom.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        return path;
    }

    /// <summary>The image as a package URL: its digest, so the SBOM names exactly one image.</summary>
    public static string ImagePurl(PushedImage image) =>
        $"pkg:oci/{image.Name}@{Uri.EscapeDataString(image.Digest)}?repository_url={Uri.EscapeDataString(image.Repository)}";
}
