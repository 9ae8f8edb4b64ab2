using Platform.Hosting.Kubernetes.Output;
using Platform.Deploy.Tests.Support;

namespace Platform.Deploy.Tests;

[Collection(PublishedPlatformCollection.Name)]
public sealed class StrictParsingTests(PublishedPlatform platform)
{
    public static TheoryData<string> Environments => [.. PublishedPlatform.Environments];

    [Fact]
    public void Every_published_document_parses_strictly_into_the_model_of_its_kind()
    {
        var documents = 0;
        foreach (var (path, content) in platform.Fresh.Files.Where(file => file.Key.EndsWith(".yaml", StringComparison.Ordinal)))
        {
            if (path.EndsWith("kustomization.yaml", StringComparison.Ordinal))
            {
                var kustomization = KubernetesYaml.Deserialize<Kustomization>(content, strict: true);
                Assert.Equal("Kustomization", kustomization.Kind);
                continue;
            }

            foreach (var document in KubernetesYaml.LoadAllFromString(content, RenderedEnvironment.ExtraKinds, strict: true))
            {
                var kubernetesObject = Assert.IsAssignableFrom<IKubernetesObject>(document);
                Assert.Equal(kubernetesObject.Kind, document.GetType().GetField("KubeKind")?.GetValue(null));
                documents++;
            }
        }

        Assert.True(documents > 30, $"only {documents} documents");
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Kubectl_kustomize_renders_the_overlay_into_strictly_parsed_objects(string environment)
    {
        var rendered = platform.Rendered[environment];

        Assert.All(rendered.Objects, item => Assert.IsAssignableFrom<IKubernetesObject<V1ObjectMeta>>(item));
        Assert.Contains(rendered.All<V1Namespace>(), ns => ns.Metadata.Name == $"platform-{environment}");
        Assert.All(rendered.Objects.OfType<IKubernetesObject<V1ObjectMeta>>().Where(item => item is not V1Namespace),
            item => Assert.Equal($"platform-{environment}", item.Metadata.NamespaceProperty));
    }
}
