using Aspire.Hosting.Pipelines;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Platform.Hosting.Kubernetes.Images;

/// <summary>
/// The <c>push-images</c> step: builds the base images and every project's image, pushes them under one unique
/// tag, signs them when a key is configured, and writes the release that pins them by digest, with an SBOM per image.
/// </summary>
public sealed class ImagePipeline(KustomizeEnvironmentResource environment)
{
    public static readonly string[] BaseImageNames = ["runtime-deps", "redis"];

    public async Task<IReadOnlyList<PushedImage>> PushAsync(PipelineStepContext context)
    {
        var cancellationToken = context.CancellationToken;
        var options = environment.Options;
        var images = options.Images;
        options.Validate();
        System.ComponentModel.DataAnnotations.Validator.ValidateObject(images, new(images), validateAllProperties: true);
        var registry = ImageRegistry.Parse(context.Services.GetRequiredService<IConfiguration>()[$"Parameters:{ImageRegistry.ParameterName}"]);
        await RegistryProbe.EnsureReachableAsync(registry, cancellationToken);

        var command = new ExternalCommand(context.Logger);
        var revision = await SourceRevision.ReadAsync(environment.AppHostDirectory, command, cancellationToken);
        var tag = revision.TagFor(images.Version, DateTimeOffset.UtcNow);
        var scripts = Path.Combine(revision.RepositoryRoot, images.ScriptsDirectory);
        var skopeo = new Skopeo(command, registry, images);
        // The SBOM tool is checked before anything is built, so a missing tool fails the step at once.
        await ServiceImageSbom.RestoreToolAsync(command, revision.RepositoryRoot, cancellationToken);
        context.Logger.LogInformation("Pushing images to {Registry} with tag {Tag}", registry, tag);

        var bases = new BaseImages(command, skopeo, registry, context.Logger);
        var pushed = new List<PushedImage>();
        foreach (var name in BaseImageNames)
        {
            pushed.Add(await bases.PushAsync(name, scripts, options.RunAsUser, revision, images.Version, cancellationToken));
        }

        var release = Path.Combine(revision.RepositoryRoot, images.ReleaseDirectory);
        var sboms = Path.Combine(release, "sbom");
        var services = new ServiceImages(command, skopeo, registry, images, context.Logger);
        var sbom = new ServiceImageSbom(command, images, context.Logger);
        foreach (var project in context.Model.Resources.OfType<ProjectResource>().OrderBy(project => project.Name, StringComparer.Ordinal))
        {
            var path = project.GetProjectMetadata().ProjectPath;
            var image = await services.PushAsync(project.Name, path, pushed[0], tag, revision, cancellationToken);
            await sbom.WriteAsync(image, path, sboms, revision.RepositoryRoot, cancellationToken);
            pushed.Add(image);
        }

        if (!string.IsNullOrWhiteSpace(images.SigningKey))
        {
            for (var i = 0; i < pushed.Count; i++)
            {
                await skopeo.SignAsync(pushed[i], cancellationToken);
                pushed[i] = pushed[i] with { Signed = true };
                context.Logger.LogInformation("Signed {Image} ({Digest})", pushed[i].Name, pushed[i].Digest);
            }
        }
        else
        {
            context.Logger.LogWarning("Kubernetes:Images:SigningKey is not set: the images are pushed unsigned.");
        }

        var written = new ReleaseWriter(options).Write(release, Path.Combine(revision.RepositoryRoot, images.ManifestsDirectory), pushed);
        foreach (var name in BaseImageNames)
        {
            BaseImageSbom.Write(Path.Combine(scripts, name, "packages.lock"), pushed.Single(image => image.Name == name), sboms);
        }

        context.Logger.LogInformation("Wrote the release ({Count} files) to {Release}", written.Count, release);
        context.Summary.Add("Images", $"{pushed.Count} pushed to {registry} as {tag}");
        context.Summary.Add("Release", release);
        return pushed;
    }
}
