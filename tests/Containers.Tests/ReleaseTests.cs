using System.Text.Json.Nodes;
using Platform.Containers.Tests.Support;

namespace Platform.Containers.Tests;

/// <summary>What push-images and the deploy chain leave behind: unique tags, a release pinned by digest, an SBOM per image, the kubectl command.</summary>
[Collection(ReleasedPlatformCollection.Name)]
public sealed class ReleaseTests(ReleasedPlatform platform)
{
    [Fact]
    public void The_rendered_release_runs_every_project_image_by_the_digest_that_was_pushed()
    {
        var pinned = platform.Images.Where(image => image["name"]!.GetValue<string>() is "gateway" or "models" or "agents")
            .Select(ReleasedPlatform.Pinned).Order(StringComparer.Ordinal);

        Assert.Equal(pinned, platform.Rendered.ProjectImages.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Service_images_share_one_tag_made_of_version_and_commit()
    {
        var tags = platform.Images.Where(image => image["name"]!.GetValue<string>() is "gateway" or "models" or "agents")
            .Select(image => image["tag"]!.GetValue<string>()).Distinct().ToList();

        var tag = Assert.Single(tags);
        Assert.Matches(@"^0\.1\.0-[0-9a-f]{12}(-dirty)?\.\d{8}T\d{6}Z$", tag);
    }

    [Fact]
    public void Deploy_would_apply_the_pinned_release_with_kubectl()
    {
        var command = File.ReadAllText(Path.Combine(platform.Release, ReleasedPlatform.Environment, "apply-command.txt")).Trim();

        Assert.Equal($"kubectl apply --server-side -k {Path.Combine(platform.Release, ReleasedPlatform.Environment)}", command);
    }

    [Fact]
    public async Task Push_to_an_unreachable_registry_fails_the_command_naming_the_registry()
    {
        var registry = $"127.0.0.1:{Platform.TestSupport.FreePort.Next()}/platform";

        // Built by the fixture's run of the same AppHost, so no second build races it.
        var result = await Tool.TryAsync("dotnet",
            ["run", "--no-build", "--project", Path.Combine(Repository.Root, "AppHost"), "--", "--operation", "publish", "--step", "push-images"],
            new Dictionary<string, string?> { ["Parameters__registry"] = registry }, TimeSpan.FromMinutes(3));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"The registry {registry} is unreachable", result.Output + result.Error);
    }

    [Fact]
    public void Every_pushed_image_has_an_sbom_in_the_release_naming_the_image_by_digest()
    {
        foreach (var image in platform.Images)
        {
            var name = image["name"]!.GetValue<string>();
            var component = Sbom(name)["metadata"]!["component"]!;

            Assert.Equal($"platform/{name}", component["name"]!.GetValue<string>());
            Assert.Equal("container", component["type"]!.GetValue<string>());
            Assert.Contains($"@{Uri.EscapeDataString(image["digest"]!.GetValue<string>())}", component["purl"]!.GetValue<string>());
        }
    }

    [Theory]
    [InlineData("gateway", "Gateway/Gateway.csproj")]
    [InlineData("models", "ModelService/ModelService.csproj")]
    [InlineData("agents", "AgentService/AgentService.csproj")]
    public async Task Each_service_image_sbom_lists_exactly_the_packages_its_project_resolves(string name, string project)
    {
        // NuGet's own account of the project's packages, direct and transitive, at their resolved versions.
        var withoutTestHostMsBuild = System.Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(variable => variable.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(variable => variable, _ => (string?)null);
        var listed = JsonNode.Parse(await Tool.RunAsync("dotnet",
            ["list", Path.Combine(Repository.Root, project), "package", "--include-transitive", "--format", "json"], withoutTestHostMsBuild))!;
        var framework = listed["projects"]!.AsArray().Single()!["frameworks"]!.AsArray().Single()!;
        var packages = new[] { "topLevelPackages", "transitivePackages" }
            .SelectMany(kind => framework[kind]?.AsArray() ?? [])
            .Select(package => $"{package!["id"]}@{package["resolvedVersion"]}")
            .Order(StringComparer.Ordinal);

        var components = Sbom(name)["components"]!.AsArray();

        Assert.Equal(packages, components.Select(component => $"{component!["name"]}@{component["version"]}").Order(StringComparer.Ordinal));
        Assert.All(components, component => Assert.NotEmpty(component!["hashes"]!.AsArray()));
    }

    private JsonNode Sbom(string image) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(platform.Release, "sbom", $"{image}.cdx.json")))!;

    [Fact]
    public void Each_base_image_has_an_sbom_listing_its_debian_packages()
    {
        foreach (var name in new[] { "runtime-deps", "redis" })
        {
            var sbom = JsonNode.Parse(File.ReadAllText(Path.Combine(platform.Release, "sbom", $"{name}.cdx.json")))!;
            var locked = File.ReadLines(Path.Combine(Repository.Images, name, "packages.lock")).Count(line => !line.StartsWith('#'));

            Assert.Equal("CycloneDX", sbom["bomFormat"]!.GetValue<string>());
            Assert.Equal(locked, sbom["components"]!.AsArray().Count);
        }
    }
}
