using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Platform.Hosting.Kubernetes.Images;

/// <summary>
/// A CycloneDX SBOM of a service image: the NuGet packages its project resolved for the image's runtime (with
/// hashes and licenses), made by the CycloneDX tool of the repository's tool manifest (<c>dotnet tool restore</c>)
/// from the restore the image was just published from, so nothing is restored or downloaded again. Its subject is
/// the pushed image by digest.
/// </summary>
public sealed class ServiceImageSbom(ExternalCommand command, ImageOptions options, ILogger logger)
{
    /// <summary>The command of the CycloneDX tool (package <c>CycloneDX</c>) in <c>dotnet-tools.json</c>.</summary>
    public const string ToolCommand = "dotnet-CycloneDX";

    public async Task<string> WriteAsync(PushedImage image, string projectPath, string directory, string repositoryRoot, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var file = $"{image.Name}.cdx.json";
        await command.RunAsync(image.Name, "dotnet",
            ["tool", "run", ToolCommand, "--", projectPath,
             "--runtime", options.RuntimeIdentifier, "--disable-package-restore",
             "--output", directory, "--filename", file, "--output-format", "Json",
             "--set-type", "Container", "--set-name", $"platform/{image.Name}", "--set-version", image.Tag],
            cancellationToken, workingDirectory: repositoryRoot);

        var path = Path.Combine(directory, file);
        var sbom = JsonNode.Parse(await File.ReadAllTextAsync(path, cancellationToken))!;
        sbom["metadata"]!["component"]!["purl"] = BaseImageSbom.ImagePurl(image);
        await File.WriteAllTextAsync(path, sbom.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n", cancellationToken);
        logger.LogInformation("Wrote the SBOM of {Image} ({Count} packages) to {Path}", image.Name, sbom["components"]?.AsArray().Count ?? 0, path);
        return path;
    }

    /// <summary>Makes the tools of <c>dotnet-tools.json</c> available (a no-op when they already are).</summary>
    public static Task RestoreToolAsync(ExternalCommand command, string repositoryRoot, CancellationToken cancellationToken) =>
        command.RunAsync("sbom", "dotnet", ["tool", "restore"], cancellationToken, workingDirectory: repositoryRoot);
}
