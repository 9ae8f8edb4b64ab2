using Aspire.Hosting.Pipelines;
using Microsoft.Extensions.Logging;
using Platform.Hosting.Kubernetes;
using Platform.Hosting.Kubernetes.Images;

namespace Aspire.Hosting;

/// <summary>Adds the <c>push-images</c> and <c>deploy-kubernetes</c> pipeline steps to a Kubernetes environment.</summary>
public static class ImagePushExtensions
{
    public const string PushStepName = "push-images";
    public const string DeployStepName = "deploy-kubernetes";

    /// <summary>
    /// In publish mode adds the step <c>push-images</c> (<c>--operation publish --step push-images</c>, or
    /// <c>aspire do push-images</c>) and chains push, publish and <c>kubectl apply -k</c> under <c>aspire deploy</c>.
    /// The registry is the AppHost parameter <c>registry</c>, read from configuration (<c>Parameters__registry</c>)
    /// only when the step runs: a parameter resource would make every publish ask for it. In run mode nothing is added.
    /// </summary>
    public static IResourceBuilder<KustomizeEnvironmentResource> WithImagePush(this IResourceBuilder<KustomizeEnvironmentResource> builder)
    {
        if (!builder.ApplicationBuilder.ExecutionContext.IsPublishMode)
        {
            return builder;
        }

        var resource = builder.Resource;
        var pipeline = new ImagePipeline(resource);
        builder.WithAnnotation(new PipelineStepAnnotation(_ => new PipelineStep
        {
            Name = PushStepName,
            Description = "Builds the base and service images, pushes and signs them, and writes the release pinned by digest",
            Action = context => ExitNonZeroOnFailure(() => pipeline.PushAsync(context)),
            Resource = resource,
        }));
        builder.WithAnnotation(new PipelineStepAnnotation(_ => new PipelineStep
        {
            Name = DeployStepName,
            Description = "Applies the pinned release of one environment with kubectl",
            Action = context => ExitNonZeroOnFailure(() => new ReleaseDeployment(resource.Options).ApplyAsync(context, resource.AppHostDirectory)),
            DependsOnSteps = [PushStepName, KustomizeEnvironmentExtensions.PublishStepName],
            RequiredBySteps = [WellKnownPipelineSteps.Deploy],
            Resource = resource,
        }));
        return builder;
    }

    /// <summary>
    /// Under <c>dotnet run</c> a failed pipeline step stops the AppHost with exit code 0; a push that CI runs must fail
    /// the job, so a failing step sets the process exit code before the pipeline reports it.
    /// </summary>
    private static async Task ExitNonZeroOnFailure(Func<Task> step)
    {
        try
        {
            await step();
        }
        catch
        {
            Environment.ExitCode = 1;
            throw;
        }
    }
}
