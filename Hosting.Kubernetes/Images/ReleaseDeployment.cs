using Aspire.Hosting.Pipelines;
using Microsoft.Extensions.Logging;

namespace Platform.Hosting.Kubernetes.Images;

/// <summary>
/// The last link of <c>aspire deploy</c>: renders the pinned release of <see cref="ImageOptions.DeployEnvironment"/>
/// with <c>kubectl kustomize</c> (offline) and applies it with <c>kubectl apply -k</c> against the current context.
/// With <see cref="ImageOptions.DeployDryRun"/> it stops before the apply and writes the command it would run.
/// </summary>
public sealed class ReleaseDeployment(KubernetesPublisherOptions options)
{
    public const string RenderedFile = "rendered.yaml";
    public const string CommandFile = "apply-command.txt";

    public async Task ApplyAsync(PipelineStepContext context, string appHostDirectory)
    {
        var command = new ExternalCommand(context.Logger);
        var revision = await SourceRevision.ReadAsync(appHostDirectory, command, context.CancellationToken);
        var environment = options.Images.DeployEnvironment;
        if (!options.Environments.ContainsKey(environment))
        {
            throw new ImagePushException($"Kubernetes:Images:DeployEnvironment '{environment}' is not one of {string.Join(", ", options.Environments.Keys)}.");
        }

        var release = Path.Combine(revision.RepositoryRoot, options.Images.ReleaseDirectory, environment);
        var rendered = await command.RunAsync(environment, "kubectl", ["kustomize", release], context.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(release, RenderedFile), rendered, context.CancellationToken);
        string[] apply = ["kubectl", "apply", "--server-side", "-k", release];
        await File.WriteAllTextAsync(Path.Combine(release, CommandFile), string.Join(' ', apply) + "\n", context.CancellationToken);
        if (options.Images.DeployDryRun)
        {
            context.Logger.LogInformation("Dry run: rendered {Release}; would run: {Command}", release, string.Join(' ', apply));
            return;
        }

        context.Logger.LogInformation("Applying {Release} to the current kubectl context", release);
        await command.RunAsync(environment, apply[0], apply[1..], context.CancellationToken);
    }
}
