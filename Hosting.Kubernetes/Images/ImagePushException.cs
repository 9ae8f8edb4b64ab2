namespace Platform.Hosting.Kubernetes.Images;

/// <summary>A push that cannot go on; the message names the image or setting at fault and stops the pipeline.</summary>
public sealed class ImagePushException(string message, Exception? inner = null) : Exception(message, inner);
