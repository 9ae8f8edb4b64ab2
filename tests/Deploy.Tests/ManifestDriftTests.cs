using Platform.Hosting.Kubernetes.Output;
using Platform.Deploy.Tests.Support;

namespace Platform.Deploy.Tests;

[Collection(PublishedPlatformCollection.Name)]
public sealed class ManifestDriftTests(PublishedPlatform platform)
{
    [Fact]
    public void Committed_manifests_equal_a_fresh_publish_byte_for_byte()
    {
        var committed = Directory.EnumerateFiles(Repository.Manifests, "*", SearchOption.AllDirectories)
            .Where(path => !ManifestSet.IsOperatorSecret(path))
            .ToDictionary(path => Path.GetRelativePath(Repository.Manifests, path).Replace(Path.DirectorySeparatorChar, '/'), File.ReadAllText);

        Assert.Equal(platform.Fresh.Files.Keys.Order(StringComparer.Ordinal), committed.Keys.Order(StringComparer.Ordinal));
        foreach (var (path, content) in platform.Fresh.Files)
        {
            Assert.True(content == committed[path],
                $"deploy/kubernetes/{path} differs from a fresh publish; run: dotnet run --project AppHost -- --operation publish --step publish --output-path deploy/kubernetes");
        }
    }

    [Fact]
    public async Task Publishing_twice_gives_the_same_bytes()
    {
        var environment = platform.Model.Resources.OfType<Platform.Hosting.Kubernetes.KustomizeEnvironmentResource>().Single();
        var again = await new Platform.Hosting.Kubernetes.KubernetesPublisher(environment.Options).BuildAsync(
            platform.Model, platform.ExecutionContext, CancellationToken.None);

        Assert.Equal(platform.Fresh.Files, again.Files);
    }

    [Fact]
    public void No_secret_value_is_written()
    {
        var examples = platform.Fresh.Files.Where(file => file.Key.EndsWith(ManifestSet.ExampleSuffix, StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(examples);
        Assert.All(examples, example => Assert.All(
            example.Value.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(line => !line.StartsWith('#')),
            line => Assert.EndsWith("=", line)));
        Assert.DoesNotContain(platform.Fresh.Files.Keys, path => path.EndsWith(ManifestSet.SecretFileSuffix, StringComparison.Ordinal));
        Assert.DoesNotContain(platform.Fresh.Files.Values, content => System.Text.RegularExpressions.Regex.IsMatch(content, "(?m)^kind: Secret$"));
    }
}
