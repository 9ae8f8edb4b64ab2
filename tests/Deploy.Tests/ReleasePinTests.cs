using Platform.Deploy.Tests.Support;
using Platform.Hosting.Kubernetes;
using Platform.Hosting.Kubernetes.Images;

namespace Platform.Deploy.Tests;

/// <summary>
/// The release push-images writes over an environment that pulls from its own registry (the Terraform path): the
/// pin must match the name that overlay renders, or kustomize leaves the tag in place without a word.
/// </summary>
public sealed class ReleasePinTests(TerraformPublishedPlatform platform) : IClassFixture<TerraformPublishedPlatform>, IDisposable
{
    private const string ProductionRegistry = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/platform-production";
    private const string PushedTo = "127.0.0.1:5000/platform";
    private readonly TemporaryDirectory workspace = new();

    [Fact]
    public async Task A_release_pins_every_project_image_by_digest_also_where_the_environment_has_its_own_registry()
    {
        var manifests = Kustomize.CopyWithExampleSecrets(platform.Published, workspace.Path);
        var options = KubernetesPublisherOptions.CreateDefault();
        options.Environments["production"].Registry = ProductionRegistry;
        PushedImage[] pushed =
        [
            .. new[] { "agents", "gateway", "models" }.Select((name, i) =>
                new PushedImage(name, $"{PushedTo}/{name}", "0.1.0-test", $"sha256:{new string((char)('a' + i), 64)}", Signed: true)),
        ];
        var release = Path.Combine(workspace.Path, "release");

        new ReleaseWriter(options).Write(release, manifests, pushed);

        foreach (var environment in new[] { "production", "staging" })
        {
            var rendered = new RenderedEnvironment(environment, await Kustomize.RenderAsync(Path.Combine(release, environment)));
            Assert.Equal(
                pushed.Select(image => image.Pinned).Order(StringComparer.Ordinal),
                rendered.All<V1Deployment>().Select(deployment => deployment.Spec.Template.Spec.Containers.Single().Image).Distinct().Order(StringComparer.Ordinal));
        }
    }

    public void Dispose() => workspace.Dispose();
}
