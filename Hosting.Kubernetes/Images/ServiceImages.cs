using Microsoft.Extensions.Logging;

namespace Platform.Hosting.Kubernetes.Images;

/// <summary>
/// Builds a project's image with the .NET SDK's container support (<c>dotnet publish -t:PublishContainer</c>),
/// self-contained on the pushed base, and pushes it under the release tag. Shared container settings live in
/// <c>Directory.Build.props</c>.
/// </summary>
public sealed class ServiceImages(ExternalCommand command, Skopeo skopeo, ImageRegistry registry, ImageOptions options, ILogger logger)
{
    public async Task<PushedImage> PushAsync(
        string name, string projectPath, PushedImage baseImage, string tag, SourceRevision revision, CancellationToken cancellationToken)
    {
        logger.LogInformation("Building image {Image} from {Project} on {Base}", name, projectPath, baseImage.Pinned);
        var environment = new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" };
        if (registry.IsLoopback)
        {
            environment["DOTNET_CONTAINER_INSECURE_REGISTRIES"] = registry.Host;
        }

        await command.RunAsync(name, "dotnet",
            ["publish", projectPath, "-c", "Release", "-r", options.RuntimeIdentifier, "--self-contained", "-t:PublishContainer",
             "-nodeReuse:false", "-v:minimal",
             $"-p:ContainerBaseImage={baseImage.Pinned}",
             $"-p:ContainerRegistry={registry.Host}",
             $"-p:ContainerRepository={registry.Repository(name)}",
             $"-p:ContainerImageTag={tag}",
             $"-p:ContainerTitle=platform/{name}",
             $"-p:ContainerVersion={options.Version}",
             $"-p:SourceRevisionId={revision.Commit}",
             .. revision.Remote.Length > 0 ? new[] { $"-p:RepositoryUrl={revision.Remote}" } : []],
            cancellationToken, environment, revision.RepositoryRoot);

        var repository = registry.Reference(name);
        var digest = await skopeo.DigestAsync(name, $"{repository}:{tag}", cancellationToken)
            ?? throw new ImagePushException($"{name}: the SDK reported a push, but {repository}:{tag} is not in the registry.");
        logger.LogInformation("Pushed image {Image}:{Tag} ({Digest})", name, tag, digest);
        return new PushedImage(name, repository, tag, digest, Signed: false);
    }
}
