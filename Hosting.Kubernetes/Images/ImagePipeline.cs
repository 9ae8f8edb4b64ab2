using Aspire.Hosting.Pipelines;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Platform.Hosting.Kubernetes.Images;

/// <summary>
/// The <c>push-images</c> step: builds the base images and every project's image, pushes them under one unique
/// tag, signs them when a key is configured, and writes the release that pins them by digest.
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
        context.Logger.LogInformation("Pushing images to {Registry} with tag {Tag}", registry, tag);

        var bases = new BaseImages(command, skopeo, registry, context.Logger);
        var pushed = new List<PushedImage>();
        foreach (var name in BaseImageNames)
        {
            pushed.Add(await bases.PushAsync(name, scripts, options.RunAsUser, revision, images.Version, cancellationToken));
        }

        var services = new ServiceImages(command, skopeo, registry, images, context.Logger);
        foreach (var project in context.Model.Resources.OfType<ProjectResource>().OrderBy(project => project.Name, StringComparer.Ordinal))
        {
            var path = project.GetProjectMetadata().ProjectPath;
            pushed.Add(await services.PushAsync(project.Name, path, pushed[0], tag, revision, cancellationToken));
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

        var release = Path.Combine(revision.RepositoryRoot, images.ReleaseDirectory);
        var written = new ReleaseWriter(options).Write(release, Path.Combine(revision.RepositoryRoot, images.ManifestsDirectory), pushed);
        foreach (var name in BaseImageNames)
        {
            BaseImageSbom.Write(Path.Combine(scripts, name, "packages.lock"), pushed.Single(image => image.Name == name), Path.Combine(release, "sbom"));
        }

        context.Logger.LogInformation("Wrote the release ({Count} files) to {Release}", written.Count, release);
        context.Summary.Add("Images", $"{pushed.Count} pushed to {registry} as {tag}");
        context.Summary.Add("Release", release);
        return pushed;
    }
}
