namespace Platform.Hosting.Kubernetes.Images;

/// <summary>Copies, inspects and signs images in the registry with skopeo (containers/image, the library podman uses).</summary>
public sealed class Skopeo(ExternalCommand command, ImageRegistry registry, ImageOptions options)
{
    /// <summary>Plain HTTP for a loopback registry only; <paramref name="side"/> is "", "src-" or "dest-".</summary>
    private IEnumerable<string> Tls(string side) => registry.IsLoopback ? [$"--{side}tls-verify=false"] : [];

    private IEnumerable<string> RegistriesDirectory =>
        string.IsNullOrWhiteSpace(options.RegistriesDirectory) ? [] : ["--registries.d", options.RegistriesDirectory];

    /// <summary>The digest of <paramref name="reference"/>, or null when the registry does not have it.</summary>
    public async Task<string?> DigestAsync(string image, string reference, CancellationToken cancellationToken)
    {
        try
        {
            return (await command.RunAsync(image, "skopeo", ["inspect", .. Tls(""), "--format", "{{.Digest}}", $"docker://{reference}"], cancellationToken)).Trim();
        }
        catch (ImagePushException error) when (error.Message.Contains("manifest unknown", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
    }

    public Task CopyAsync(string image, string source, string destination, CancellationToken cancellationToken) =>
        command.RunAsync(image, "skopeo", ["copy", "--quiet", .. Tls("src-"), .. Tls("dest-"), source, destination], cancellationToken);

    /// <summary>Signs the pushed manifest by copying it onto its own tag with <c>--sign-by</c>.</summary>
    public Task SignAsync(PushedImage image, CancellationToken cancellationToken) =>
        command.RunAsync(image.Name, "skopeo",
            ["copy", "--quiet", .. RegistriesDirectory, "--sign-by", options.SigningKey!, .. Tls("src-"), .. Tls("dest-"),
             $"docker://{image.Pinned}", $"docker://{image.Tagged}"],
            cancellationToken);
}
