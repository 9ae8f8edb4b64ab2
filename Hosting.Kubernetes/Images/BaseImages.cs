using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Platform.Hosting.Kubernetes.Images;

/// <summary>
/// Builds a base image with <c>deploy/images/build-image.sh</c> (Debian packages, reproducible) and pushes it. Its tag
/// is the hash of its package lock, so the same lock pushes the same digest under the same tag, once.
/// </summary>
public sealed class BaseImages(ExternalCommand command, Skopeo skopeo, ImageRegistry registry, ILogger logger)
{
    public async Task<PushedImage> PushAsync(
        string name, string scriptsDirectory, long uid, SourceRevision revision, string version, CancellationToken cancellationToken)
    {
        var lockFile = Path.Combine(scriptsDirectory, name, "packages.lock");
        if (!File.Exists(lockFile))
        {
            throw new ImagePushException($"{name}: {lockFile} is missing.");
        }

        var tag = "deb12-" + Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(lockFile, cancellationToken)))[..12];
        var repository = registry.Reference(name);
        var layout = Directory.CreateTempSubdirectory($"platform-{name}-").FullName;
        try
        {
            logger.LogInformation("Building base image {Image} from {Lock}", name, lockFile);
            await command.RunAsync(name, Path.Combine(scriptsDirectory, "build-image.sh"),
                [name, "--uid", uid.ToString(System.Globalization.CultureInfo.InvariantCulture), "--output", layout, "--tag", tag,
                 "--version", version, "--revision", revision.Commit, "--source", revision.Remote],
                cancellationToken);
            var built = LayoutDigest(layout);
            var existing = await skopeo.DigestAsync(name, $"{repository}:{tag}", cancellationToken);
            if (existing == built)
            {
                logger.LogInformation("Base image {Image}:{Tag} is already in the registry ({Digest})", name, tag, built);
            }
            else
            {
                await skopeo.CopyAsync(name, $"oci:{layout}:{tag}", $"docker://{repository}:{tag}", cancellationToken);
                logger.LogInformation("Pushed base image {Image}:{Tag} ({Digest})", name, tag, built);
            }

            return new PushedImage(name, repository, tag, built, Signed: false);
        }
        finally
        {
            Directory.Delete(layout, recursive: true);
        }
    }

    private static string LayoutDigest(string layout) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(layout, "index.json")))!["manifests"]![0]!["digest"]!.GetValue<string>();
}
