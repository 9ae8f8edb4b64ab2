namespace Platform.Hosting.Kubernetes.Graph;

/// <summary>
/// The resource reads <c>ConnectionStrings:{Name}</c> from a Secret in the cluster and reaches that provider
/// outside the cluster on <see cref="Port"/>. Declared on the resource so that the connection exists in every
/// publish, whether or not the publishing machine has a value for it.
/// </summary>
public sealed record ExternalConnectionAnnotation(string Name, int Port) : IResourceAnnotation;
