using Aspire.Hosting.Pipelines;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Hosting.Kubernetes;
using Platform.Hosting.Kubernetes.Graph;

namespace Aspire.Hosting;

/// <summary>Adds the Kubernetes publish target to the graph and per-resource Kubernetes options.</summary>
public static class KustomizeEnvironmentExtensions
{
    public const string PublishStepName = "publish-kubernetes";

    /// <summary>
    /// In publish mode, adds a pipeline step that the well-known <c>publish</c> step requires, so
    /// <c>aspire publish -o deploy/kubernetes</c> writes the kustomize base and overlays. Options are the defaults,
    /// then the settings file named by <c>Kubernetes:SettingsFile</c> if any, then the <c>Kubernetes</c>
    /// configuration section, then <paramref name="configure"/>. In run mode nothing is added.
    /// </summary>
    public static IResourceBuilder<KustomizeEnvironmentResource> AddKustomizeEnvironment(
        this IDistributedApplicationBuilder builder, string name, Action<KubernetesPublisherOptions>? configure = null)
    {
        var options = KubernetesPublisherOptions.CreateDefault();
        PublisherSettingsFile.BindInto(options, builder.Configuration[PublisherSettingsFile.ConfigurationKey], builder.AppHostDirectory);
        builder.Configuration.GetSection(KubernetesPublisherOptions.SectionName).Bind(options);
        configure?.Invoke(options);

        var resource = new KustomizeEnvironmentResource(name, options, builder.AppHostDirectory);
        if (!builder.ExecutionContext.IsPublishMode)
        {
            return builder.CreateResourceBuilder(resource);
        }

        resource.Annotations.Add(new PipelineStepAnnotation(_ => new PipelineStep
        {
            Name = PublishStepName,
            Description = "Writes the Kubernetes manifests (kustomize base and overlays)",
            Action = context => PublishAsync(resource, context),
            DependsOnSteps = [WellKnownPipelineSteps.PublishPrereq],
            RequiredBySteps = [WellKnownPipelineSteps.Publish],
            Resource = resource,
        }));
        return builder.AddResource(resource).ExcludeFromManifest();
    }

    /// <summary>
    /// The resource reads <c>ConnectionStrings:{connectionName}</c> from the Secret of that name and may leave the
    /// cluster on <paramref name="port"/> (public addresses only). The Secret key is optional, so the service
    /// starts without it.
    /// </summary>
    public static IResourceBuilder<T> WithKubernetesExternalConnection<T>(this IResourceBuilder<T> builder, string connectionName, int port = 443)
        where T : IResourceWithEnvironment =>
        builder.WithAnnotation(new ExternalConnectionAnnotation(connectionName, port));

    /// <summary>
    /// In a cluster the resource reads <paramref name="variable"/> from the Secret <paramref name="secretName"/>
    /// (key <c>value</c>), generated per overlay from the git-ignored <c>secrets/{secretName}.env</c>.
    /// </summary>
    public static IResourceBuilder<T> WithKubernetesSecretSetting<T>(this IResourceBuilder<T> builder, string variable, string secretName)
        where T : IResourceWithEnvironment =>
        builder.WithAnnotation(new SecretSettingAnnotation(variable, secretName));

    /// <summary>
    /// In a cluster, KEDA scales the resource on the lag of a Redis stream's consumer group. The keys name the
    /// resource's own settings (its <c>appsettings.json</c>) holding the stream, the group and the entries one
    /// replica works on at once, so the autoscaler watches exactly what the service reads.
    /// </summary>
    public static IResourceBuilder<T> WithKubernetesStreamBacklogScaling<T>(
        this IResourceBuilder<T> builder, IResourceBuilder<IResourceWithConnectionString> redis, string streamKey, string groupKey, string perReplicaKey)
        where T : IResourceWithEnvironment =>
        builder.WithAnnotation(new BacklogScalingAnnotation(new RedisStreamBacklog(redis.Resource.Name, streamKey, groupKey, perReplicaKey)));

    /// <summary>
    /// In a cluster the resource reaches each replica of the projects it references on its own address (their
    /// headless <c>{name}-pods</c> Services), because it balances and health-checks replicas itself.
    /// </summary>
    public static IResourceBuilder<T> WithKubernetesPerReplicaDestinations<T>(this IResourceBuilder<T> builder)
        where T : IResourceWithEnvironment =>
        builder.WithAnnotation(new PerReplicaDestinationsAnnotation());

    /// <summary>In a cluster, KEDA scales the resource on a Prometheus query over a metric it emits.</summary>
    public static IResourceBuilder<T> WithKubernetesMetricBacklogScaling<T>(this IResourceBuilder<T> builder, string query, int perReplica)
        where T : IResourceWithEnvironment =>
        builder.WithAnnotation(new BacklogScalingAnnotation(new PrometheusBacklog(query, perReplica)));

    private static async Task PublishAsync(KustomizeEnvironmentResource resource, PipelineStepContext context)
    {
        var output = PublishOutputDirectory.Resolve(
            context.Services.GetRequiredService<IConfiguration>()[PublishOutputDirectory.ConfigurationKey],
            context.Services.GetRequiredService<IPipelineOutputService>().GetOutputDirectory(),
            resource.AppHostDirectory);
        var publisher = new KubernetesPublisher(resource.Options);
        var files = await publisher.PublishAsync(context.Model, context.ExecutionContext, output, context.CancellationToken);
        context.Logger.LogInformation("Wrote {Count} Kubernetes manifest files to {Output}", files.Count, output);
        context.Summary.Add("Kubernetes manifests", output);
    }
}
