using System.ComponentModel.DataAnnotations;

namespace Platform.Hosting.Kubernetes;

/// <summary>
/// How the <c>push-images</c> step builds, signs and pins images (section <c>Kubernetes:Images</c>). The registry
/// itself is the AppHost parameter <c>registry</c> (<c>Parameters__registry=host:port[/prefix]</c>).
/// </summary>
public sealed class ImageOptions
{
    /// <summary>Version part of every pushed tag (<c>{Version}-{commit}.{UTC time}</c>), also the images' version label.</summary>
    [Required]
    public string Version { get; set; } = "0.1.0";

    /// <summary>The base-image scripts and package locks, relative to the repository root.</summary>
    [Required]
    public string ScriptsDirectory { get; set; } = "deploy/images";

    /// <summary>The committed manifests the release pins, relative to the repository root.</summary>
    [Required]
    public string ManifestsDirectory { get; set; } = "deploy/kubernetes";

    /// <summary>Where each push writes its release (pinned kustomizations, image list, SBOMs); git-ignored.</summary>
    [Required]
    public string ReleaseDirectory { get; set; } = "artifacts/release";

    [Required]
    public string RuntimeIdentifier { get; set; } = "linux-x64";

    /// <summary>
    /// GnuPG key (fingerprint or e-mail) that signs every pushed image; unsigned pushes when empty. The signatures
    /// go where the containers-registries.d configuration says (a lookaside store for GnuPG signatures).
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>A containers-registries.d directory for skopeo instead of <c>/etc/containers/registries.d</c>.</summary>
    public string? RegistriesDirectory { get; set; }

    /// <summary>The environment <c>aspire deploy</c> applies (an overlay name).</summary>
    [Required]
    public string DeployEnvironment { get; set; } = "staging";

    /// <summary>Write the rendered release and the kubectl command of <c>aspire deploy</c> without running it.</summary>
    public bool DeployDryRun { get; set; }
}
