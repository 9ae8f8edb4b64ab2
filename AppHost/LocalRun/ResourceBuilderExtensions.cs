using Microsoft.Extensions.Configuration;

namespace Platform.AppHost.LocalRun;

/// <summary>Small graph conventions shared by every service resource.</summary>
public static class ResourceBuilderExtensions
{
    public const string ReadinessPath = "/health/ready";

    /// <summary>The dashboard, <c>WaitFor</c> and the Kubernetes probes all read the service's own readiness.</summary>
    public static IResourceBuilder<ProjectResource> WithReadinessHealthCheck(this IResourceBuilder<ProjectResource> builder) =>
        builder.WithHttpHealthCheck(ReadinessPath);

    /// <summary>
    /// Adds a connection-string resource only when <c>ConnectionStrings:{name}</c> is set, so that a laptop
    /// without the setting is not prompted for it.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString>? AddOptionalConnectionString(this IDistributedApplicationBuilder builder, string name) =>
        string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(name)) ? null : builder.AddConnectionString(name);

    public static IResourceBuilder<TDestination> WithOptionalReference<TDestination>(
        this IResourceBuilder<TDestination> builder, IResourceBuilder<IResourceWithConnectionString>? source)
        where TDestination : IResourceWithEnvironment =>
        source is null ? builder : builder.WithReference(source);
}
