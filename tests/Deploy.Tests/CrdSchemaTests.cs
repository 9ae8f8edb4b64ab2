using Platform.Deploy.Tests.Support;

namespace Platform.Deploy.Tests;

/// <summary>
/// Custom resources (Gateway API, Envoy Gateway policies, cert-manager, KEDA, VPA) are valid against the CRD schemas
/// their projects publish (the <c>@kubernetes-models</c> packages, installed with <c>npm ci</c> from the committed
/// lock file), not only against the classes the publisher builds them with.
/// </summary>
[Collection(PublishedPlatformCollection.Name)]
public sealed class CrdSchemaTests(PublishedPlatform platform)
{
    public static TheoryData<string> Environments => [.. PublishedPlatform.Environments];

    private static readonly string Validator = Path.Combine(Repository.Root, "tests", "Deploy.Tests", "CrdSchemas");
    private static readonly SemaphoreSlim Install = new(1, 1);

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task Every_custom_resource_is_valid_against_its_published_crd_schema(string environment)
    {
        await EnsureInstalledAsync();

        var (exitCode, output) = await Shell.RunAsync("node", ["validate.mjs"], platform.Rendered[environment].Yaml, Validator);

        Assert.True(exitCode == 0, output);
        foreach (var kind in new[] { "HTTPRoute", "Gateway", "Certificate", "ScaledObject", "VerticalPodAutoscaler", "BackendTrafficPolicy", "ClientTrafficPolicy" })
        {
            Assert.Contains($"/{kind} ", output);
        }
    }

    [Fact]
    public async Task The_schema_check_rejects_a_malformed_route_timeout()
    {
        await EnsureInstalledAsync();
        var broken = platform.Rendered["production"].Yaml.Replace("request: 1805s", "request: half an hour", StringComparison.Ordinal);
        Assert.NotEqual(platform.Rendered["production"].Yaml, broken);

        var (exitCode, output) = await Shell.RunAsync("node", ["validate.mjs"], broken, Validator);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("invalid gateway.networking.k8s.io/v1/HTTPRoute gateway-runs", output);
    }

    private static async Task EnsureInstalledAsync()
    {
        await Install.WaitAsync();
        try
        {
            if (!Directory.Exists(Path.Combine(Validator, "node_modules", "@kubernetes-models", "gateway-api")))
            {
                var (exitCode, output) = await Shell.RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], workingDirectory: Validator);
                Assert.True(exitCode == 0, "npm ci failed: " + output);
            }
        }
        finally
        {
            Install.Release();
        }
    }
}
